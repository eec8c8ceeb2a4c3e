package com.wxqr.mp.callback;

/** How an account's pushes are sent (spec §2.1). */
public enum EncryptionMode {
    /** 明文模式: plaintext only. */
    PLAIN,
    /** 兼容模式: plaintext fields and {@code Encrypt} side by side. */
    COMPATIBLE,
    /** 安全模式: ciphertext only; replies must be encrypted. */
    SAFE
}
