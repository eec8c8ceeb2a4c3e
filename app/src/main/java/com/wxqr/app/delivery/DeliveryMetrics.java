package com.wxqr.app.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The {@code wxqr.deliveries} counter: what became of quote cards, by {@code mode} ({@code passive}:
 * the reply to the scan's push; {@code custom}: a customer-service message from the outbox) and
 * {@code outcome}. Its name and tags are written here only; the push handling and the
 * {@link CardSender} say what happened.
 */
@Component
public class DeliveryMetrics {
    static final String NAME = "wxqr.deliveries";

    private final MeterRegistry meters;

    DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Passive: the card is the reply to the scan's push. */
    public void replied() {
        count("passive", "replied");
    }

    /** Passive: a retry showed the reply was lost; the card follows once from the outbox. */
    public void lostReplyQueued() {
        count("passive", "lost-reply-queued");
    }

    /** Custom: the card was sent. */
    void sent() {
        count("custom", "sent");
    }

    /** Custom: a transient failure; the row is tried again later. */
    void retried() {
        count("custom", "retry");
    }

    /** Custom: the delivery ended as failed, {@code why} being {@code window}, {@code exhausted} or {@code refused}. */
    void failed(String why) {
        count("custom", "failed-" + why);
    }

    /** Custom: an unexpected error set the row aside. */
    void parked() {
        count("custom", "parked");
    }

    /** Custom: the row's lease ran out before its outcome was recorded; another worker owns it. */
    void leaseLost() {
        count("custom", "lease-lost");
    }

    private void count(String mode, String outcome) {
        meters.counter(NAME, "mode", mode, "outcome", outcome).increment();
    }
}
