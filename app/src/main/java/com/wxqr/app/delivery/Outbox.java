package com.wxqr.app.delivery;

import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The door to customer-service delivery: {@link #enqueue} writes an outbox row in the caller's
 * transaction and never calls WeChat; the {@link OutboxWorker} sends the card after the commit,
 * inside the scan's 1-minute window.
 */
@Service
public class Outbox {
    private final DeliveryProperties properties;
    private final OutboxRepository rows;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Outbox(DeliveryProperties properties, OutboxRepository rows, ApplicationEventPublisher events, Clock clock) {
        this.properties = properties;
        this.rows = rows;
        this.events = events;
        this.clock = clock;
    }

    /** Queues the card of quote {@code publicId} for {@code openid}, who interacted just now; in the caller's transaction. */
    public void enqueue(String publicId, String openid) {
        enqueue(publicId, openid, clock.instant());
    }

    /**
     * Queues the card of quote {@code publicId} for {@code openid}, whose window opened with an
     * interaction at {@code interactedAt} (taken as now if it lies ahead); in the caller's transaction.
     */
    public void enqueue(String publicId, String openid, Instant interactedAt) {
        Instant now = clock.instant();
        Instant opened = interactedAt.isAfter(now) ? now : interactedAt;
        rows.insert(publicId, openid, now, opened.plus(properties.window()));
        events.publishEvent(new OutboxWorker.RowAdded());
    }
}
