package com.wxqr.app.callback;

import com.wxqr.mp.callback.InboundMessage;
import java.time.Instant;

/**
 * Told of every push the first time it is handled, inside the transaction that records the push's dedupe key:
 * what it writes commits with the push and is rolled back for a retry, so a retried push is seen once. Must not call
 * WeChat (the push is answered within 5 seconds).
 */
public interface PushObserver {

    /** {@code message} arrived at {@code now} (the app's clock). */
    void seen(InboundMessage message, Instant now);
}
