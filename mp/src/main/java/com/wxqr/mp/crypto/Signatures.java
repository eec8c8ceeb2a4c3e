package com.wxqr.mp.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * WeChat's signature: the SHA-1 of the parts sorted as strings and joined without separator, in
 * lowercase hex. The same function signs the URL verification ({@code token, timestamp, nonce}),
 * the {@code msg_signature} of an encrypted push and the {@code MsgSignature} of an encrypted
 * reply ({@code token, timestamp, nonce, Encrypt}).
 *
 * <p>All methods are thread-safe and allocation-light: each thread keeps its own digest.
 */
public final class Signatures {

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    });

    private Signatures() {}

    /**
     * Signs {@code parts}: sorts them as strings, joins them and returns the SHA-1 in lowercase
     * hex (40 characters).
     *
     * @throws IllegalArgumentException if a part is null
     */
    public static String sign(String... parts) {
        String[] sorted = parts.clone();
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] == null) {
                throw new IllegalArgumentException("signature part " + i + " is null");
            }
        }
        Arrays.sort(sorted);
        MessageDigest sha1 = SHA1.get();
        for (String part : sorted) {
            sha1.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    /**
     * Compares an expected signature with one received, in time that does not depend on where
     * they differ. Returns false when either is null.
     */
    public static boolean matches(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }
}
