package com.wxqr.app.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random identifiers that cannot be guessed or enumerated: 128 bits from a {@link SecureRandom};
 * and the SHA-256 the database keeps in place of those that are secrets.
 */
public final class UnguessableId {
    private static final SecureRandom RANDOM = new SecureRandom();

    private UnguessableId() {}

    /** 22 URL-safe characters ({@code A-Z a-z 0-9 - _}) carrying 128 random bits. */
    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 32 alphanumeric characters carrying 128 random bits, for places that allow only a-zA-Z0-9. */
    public static String nextAlphanumeric() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        StringBuilder out = new StringBuilder(32);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }

    /**
     * The SHA-256 of {@code text} as 64 lowercase hex characters: what the database keeps in place
     * of a secret (a session token, a browser's key, a setup code), so a copy of the tables opens
     * nothing; also a short name that stays the same for the same text.
     */
    public static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
