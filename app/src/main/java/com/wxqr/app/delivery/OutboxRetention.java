package com.wxqr.app.delivery;

import com.wxqr.app.retention.Prunable;
import com.wxqr.app.retention.RetentionProperties;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Outbox rows finished longer than {@code wxqr.retention.finished-deliveries} ago; the outcome
 * stays on the quote itself.
 */
@Component
class OutboxRetention implements Prunable {
    private final OutboxRepository outbox;
    private final Duration keep;

    OutboxRetention(OutboxRepository outbox, RetentionProperties retention) {
        this.outbox = outbox;
        this.keep = retention.finishedDeliveries();
    }

    @Override
    public String what() {
        return "finished outbox rows";
    }

    @Override
    public int prune(Instant now) {
        return outbox.deleteFinishedBefore(now.minus(keep));
    }
}
