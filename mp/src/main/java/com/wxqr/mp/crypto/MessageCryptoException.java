package com.wxqr.mp.crypto;

/**
 * A ciphertext could not be decrypted into a message for this account. {@link #reason()} says
 * precisely why; the message never contains key material or plaintext.
 */
public final class MessageCryptoException extends RuntimeException {

    /** Why decryption failed. */
    public enum Reason {
        /** Not valid standard Base64. */
        BAD_BASE64,
        /** The raw ciphertext is empty or not a multiple of 32 bytes. */
        BAD_BLOCK_LENGTH,
        /** The decrypted bytes do not end in valid PKCS#7 padding (block size 32): wrong key or tampered data. */
        BAD_PADDING,
        /** The 4-byte message length does not fit the decrypted bytes. */
        BAD_LENGTH,
        /** The message was encrypted for another AppID. */
        APPID_MISMATCH
    }

    private final Reason reason;

    MessageCryptoException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why decryption failed. */
    public Reason reason() {
        return reason;
    }
}
