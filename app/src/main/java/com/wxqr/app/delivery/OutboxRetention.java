package com.wxqr.app.delivery;

import com.wxqr.app.system.Prunable;
import com.wxqr.app.system.RetentionProperties;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Outbox rows finished longer than {@code wxqr.retention.finished-deliveries} ago; the outcome
 * stays on the quote itself.
 */
@Component
record OutboxRetention(OutboxRepository outbox, RetentionProperties retention) implements Prunable {
    @Override
    public String what() {
        return "finished outbox rows";
    }

    @Override
    public int prune(Instant now) {
        return outbox.deleteFinishedBefore(now.minus(retention.finishedDeliveries()));
    }
}
