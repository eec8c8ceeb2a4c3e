package com.wxqr.mp.callback;

/**
 * A push, a verification request or a reply was refused. {@link #reason()} says precisely why;
 * the message names the problem and never contains a secret or the body.
 */
public final class CallbackRejectedException extends RuntimeException {

    /** Why the input was refused. */
    public enum Reason {
        /** A required query parameter or XML field is absent or malformed. */
        MISSING_PARAMETER,
        /** {@code signature}, {@code msg_signature} or {@code MsgSignature} does not match. */
        BAD_SIGNATURE,
        /** The timestamp is further than the replay window from now, in the past or in the future. */
        STALE_TIMESTAMP,
        /** The body is larger than the configured limit. */
        TOO_LARGE,
        /** The body is not well-formed XML of the expected shape. */
        MALFORMED_XML,
        /** The body declares a DOCTYPE (entities, XXE): refused before any expansion. */
        FORBIDDEN_DTD,
        /** The ciphertext could not be decrypted with the configured keys. */
        DECRYPTION_FAILED,
        /** The ciphertext was encrypted for another AppID. */
        APPID_MISMATCH,
        /** An encrypted push arrived but no EncodingAESKey is configured. */
        ENCRYPTION_NOT_CONFIGURED,
        /** A plaintext push arrived while the message mode is {@link MessageMode#SAFE}. */
        ENCRYPTION_REQUIRED
    }

    private final Reason reason;

    public CallbackRejectedException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    /**
     * {@code value}, the field or parameter {@code name}, as a number; refused for {@code reason}
     * ("{@code name} is not a number") when it is not one.
     */
    static long requireNumber(String name, String value, Reason reason) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CallbackRejectedException(reason, name + " is not a number");
        }
    }

    /** Why the input was refused. */
    public Reason reason() {
        return reason;
    }
}
