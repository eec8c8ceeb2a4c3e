package com.wxqr.mp.callback;

/**
 * How an account's pushes are sent (docs/PROTOCOL.md#message-modes).
 *
 * @deprecated the same three modes are {@link MessageMode}, which {@link CallbackCodec} also uses
 *     as its policy; pass that to {@link CallbackCodec#encodePush(String, MessageMode, String, String, String)}.
 */
@Deprecated(forRemoval = true)
public enum EncryptionMode {
    /** 明文模式: plaintext only. */
    PLAIN,
    /** 兼容模式: plaintext fields and {@code Encrypt} side by side. */
    COMPATIBLE,
    /** 安全模式: ciphertext only; replies must be encrypted. */
    SAFE
}
