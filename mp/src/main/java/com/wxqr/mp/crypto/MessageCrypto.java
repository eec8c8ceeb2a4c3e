package com.wxqr.mp.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's message encryption for one Official Account (docs/PROTOCOL.md#message-encryption): AES-256-CBC with the IV
 * equal to the first 16 key bytes, PKCS#7 padding to 32-byte blocks, over {@code random(16) + length(4, big-endian) +
 * message (UTF-8) + appid}, in standard Base64.
 *
 * <p>Decryption checks the padding, the length and the AppID (WxJava skips the AppID check).
 * During a key change it accepts the previous EncodingAESKey too and reports which key worked, so
 * the reply can be encrypted with the same one, as WeChat asks.
 *
 * <p>Instances are immutable and thread-safe. Each thread keeps initialised ciphers, so the hot
 * path does no cipher lookup or key setup.
 */
public final class MessageCrypto {

    /** Which configured key decrypted a message (and should encrypt its reply). */
    public enum KeySlot {
        CURRENT,
        PREVIOUS
    }

    /** A decrypted message and the key that opened it. */
    public record Decrypted(String message, KeySlot keySlot) {}

    private static final Pattern ENCODING_AES_KEY = Pattern.compile("[A-Za-z0-9]{43}");
    private static final int BLOCK = 32;
    private static final byte[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private final String appId;
    private final byte[] appIdBytes;
    private final AesKey current;
    private final AesKey previous;

    /** Creates the crypto of an account without a previous key. */
    public MessageCrypto(String appId, String encodingAesKey) {
        this(appId, encodingAesKey, null);
    }

    /**
     * Creates the crypto of an account.
     *
     * @param previousEncodingAesKey the key in use before the last change, or null
     * @throws IllegalArgumentException if the AppID is blank or a key is not 43 characters of [A-Za-z0-9]
     */
    public MessageCrypto(String appId, String encodingAesKey, String previousEncodingAesKey) {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("appId must not be blank");
        }
        this.appId = appId;
        this.appIdBytes = appId.getBytes(StandardCharsets.UTF_8);
        this.current = new AesKey(decodeKey("encodingAesKey", encodingAesKey));
        this.previous = previousEncodingAesKey == null || previousEncodingAesKey.isEmpty()
                ? null
                : new AesKey(decodeKey("previousEncodingAesKey", previousEncodingAesKey));
    }

    /** The AppID messages are encrypted for and checked against. */
    public String appId() {
        return appId;
    }

    /** Encrypts {@code message} with the current key and a fresh random prefix. */
    public String encrypt(String message) {
        return encrypt(message, KeySlot.CURRENT);
    }

    /** Encrypts {@code message} with the given key (the one that decrypted the push being answered). */
    public String encrypt(String message, KeySlot slot) {
        return encrypt(message, randomPrefix(), slot);
    }

    /**
     * 16 uniformly random alphanumeric characters, as WeChat's own code makes them, from one
     * {@code nextBytes} call (one draw per character cost a SHA-1 and a lock each; see
     * docs/BENCHMARKS.md) with rejection sampling, so no character is likelier than another.
     */
    private static byte[] randomPrefix() {
        byte[] prefix = new byte[16];
        byte[] pool = new byte[32];
        SecureRandom random = RANDOM.get();
        int filled = 0;
        while (filled < prefix.length) {
            random.nextBytes(pool);
            for (int i = 0; i < pool.length && filled < prefix.length; i++) {
                int candidate = pool[i] & 0x3f;
                if (candidate < ALPHANUMERIC.length) {
                    prefix[filled++] = ALPHANUMERIC[candidate];
                }
            }
        }
        return prefix;
    }

    /**
     * Encrypts {@code message} with the current key and the given 16-byte prefix. Deterministic:
     * for test vectors and emulators, not for production replies.
     */
    public String encrypt(String message, byte[] random16) {
        return encrypt(message, random16, KeySlot.CURRENT);
    }

    private String encrypt(String message, byte[] random16, KeySlot slot) {
        Objects.requireNonNull(message, "message");
        if (random16 == null || random16.length != 16) {
            throw new IllegalArgumentException("random prefix must be 16 bytes");
        }
        AesKey key = slot == KeySlot.PREVIOUS && previous != null ? previous : current;
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        int plainLength = 16 + 4 + msg.length + appIdBytes.length;
        int pad = BLOCK - plainLength % BLOCK;
        byte[] plain = new byte[plainLength + pad];
        ByteBuffer buffer = ByteBuffer.wrap(plain);
        buffer.put(random16).putInt(msg.length).put(msg).put(appIdBytes);
        Arrays.fill(plain, plainLength, plain.length, (byte) pad);
        try {
            return Base64.getEncoder().encodeToString(key.encryptor.get().doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES encryption failed", e);
        }
    }

    /**
     * Decrypts a Base64 {@code Encrypt} value, trying the current key and then the previous one.
     *
     * @throws MessageCryptoException with the current key's failure reason when no key opens it
     */
    public Decrypted decrypt(String encrypted) {
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(Objects.requireNonNull(encrypted, "encrypted"));
        } catch (IllegalArgumentException e) {
            throw new MessageCryptoException(MessageCryptoException.Reason.BAD_BASE64, "Encrypt is not valid Base64");
        }
        if (cipherText.length == 0 || cipherText.length % BLOCK != 0) {
            throw new MessageCryptoException(
                    MessageCryptoException.Reason.BAD_BLOCK_LENGTH,
                    "ciphertext is " + cipherText.length + " bytes, not a positive multiple of 32");
        }
        try {
            return new Decrypted(open(current, cipherText), KeySlot.CURRENT);
        } catch (MessageCryptoException failure) {
            if (previous == null) {
                throw failure;
            }
            try {
                return new Decrypted(open(previous, cipherText), KeySlot.PREVIOUS);
            } catch (MessageCryptoException ignored) {
                throw failure;
            }
        }
    }

    private String open(AesKey key, byte[] cipherText) {
        byte[] plain;
        try {
            plain = key.decryptor.get().doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES decryption failed", e);
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK) {
            throw new MessageCryptoException(
                    MessageCryptoException.Reason.BAD_PADDING, "padding byte out of range 1..32");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new MessageCryptoException(MessageCryptoException.Reason.BAD_PADDING, "padding bytes differ");
            }
        }
        int contentLength = plain.length - pad;
        if (contentLength < 20) {
            throw new MessageCryptoException(
                    MessageCryptoException.Reason.BAD_LENGTH, "decrypted content is shorter than its header");
        }
        int msgLength = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (msgLength < 0 || msgLength > contentLength - 20) {
            throw new MessageCryptoException(
                    MessageCryptoException.Reason.BAD_LENGTH,
                    "message length " + msgLength + " does not fit " + (contentLength - 20) + " bytes");
        }
        int appIdStart = 20 + msgLength;
        if (!Arrays.equals(plain, appIdStart, contentLength, appIdBytes, 0, appIdBytes.length)) {
            throw new MessageCryptoException(
                    MessageCryptoException.Reason.APPID_MISMATCH, "message was encrypted for another AppID");
        }
        return new String(plain, 20, msgLength, StandardCharsets.UTF_8);
    }

    private static byte[] decodeKey(String field, String encodingAesKey) {
        if (encodingAesKey == null || !ENCODING_AES_KEY.matcher(encodingAesKey).matches()) {
            int length = encodingAesKey == null ? 0 : encodingAesKey.length();
            throw new IllegalArgumentException(field + " must be 43 characters of [A-Za-z0-9]; got " + length
                    + " characters" + (length == 43 ? " with others" : ""));
        }
        return Base64.getDecoder().decode(encodingAesKey + "=");
    }

    /** One AES key with per-thread initialised ciphers (doFinal resets a CBC cipher to its initial IV). */
    private static final class AesKey {
        final ThreadLocal<Cipher> encryptor;
        final ThreadLocal<Cipher> decryptor;

        AesKey(byte[] key) {
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            IvParameterSpec iv = new IvParameterSpec(key, 0, 16);
            this.encryptor = ThreadLocal.withInitial(() -> cipher(Cipher.ENCRYPT_MODE, spec, iv));
            this.decryptor = ThreadLocal.withInitial(() -> cipher(Cipher.DECRYPT_MODE, spec, iv));
        }

        private static Cipher cipher(int mode, SecretKeySpec key, IvParameterSpec iv) {
            try {
                Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
                cipher.init(mode, key, iv);
                return cipher;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM has no AES/CBC/NoPadding", e);
            }
        }
    }
}
