package com.wxqr.mp.callback;

/**
 * The message encryption mode of an account, as set in WeChat's console (消息加解密方式, docs/PROTOCOL.md#message-modes).
 * It says how WeChat sends pushes and so what a {@link CallbackCodec} accepts: a push that does not
 * match the account's mode did not come from WeChat. The URL-verification request is plaintext in
 * every mode.
 */
public enum MessageMode {
    /**
     * 明文模式: pushes are plaintext, checked by {@code signature}. An encrypted push is opened when
     * an EncodingAESKey is configured (e.g. while the console switches to compatible mode) and
     * refused otherwise ({@code ENCRYPTION_NOT_CONFIGURED}).
     */
    PLAIN,
    /**
     * 兼容模式: WeChat sends plaintext fields and their encryption side by side. Both plaintext and
     * encrypted pushes are accepted; when a push is encrypted, only the encrypted part counts. Needs
     * an EncodingAESKey.
     */
    COMPATIBLE,
    /**
     * 安全模式: only encrypted pushes ({@code encrypt_type=aes} with a valid {@code msg_signature}) are
     * accepted; a plaintext push is refused ({@code ENCRYPTION_REQUIRED}), because {@code signature}
     * does not cover the body and appears in every push URL, so one leaked URL would let anyone
     * forge plaintext pushes. Replies are encrypted. Needs an EncodingAESKey.
     */
    SAFE
}
