package com.wxqr.mp.callback;

import com.wxqr.mp.crypto.MessageCrypto.KeySlot;

/**
 * A verified push: the message, whether it arrived encrypted (so its reply must be), and which
 * key decrypted it (so the reply is encrypted with the same one). {@code keySlot} is null for
 * plaintext pushes.
 */
public record OpenedPush(InboundMessage message, boolean encrypted, KeySlot keySlot) {}
