package com.wxqr.app.delivery;

import com.wxqr.app.retention.Prunable;
import com.wxqr.app.retention.RetentionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Outbox rows finished longer than {@code wxqr.retention.finished-deliveries} ago; the outcome
 * stays on the quote itself.
 */
@Configuration(proxyBeanMethods = false)
class OutboxRetention {
    @Bean
    static Prunable finishedOutboxRows(OutboxRepository outbox, RetentionProperties retention) {
        return Prunable.of(
                "finished outbox rows", now -> outbox.deleteFinishedBefore(now.minus(retention.finishedDeliveries())));
    }
}
