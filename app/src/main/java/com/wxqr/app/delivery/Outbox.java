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

    /** Queues the card of quote {@code publicId} for {@code openid}; in the caller's transaction. */
    public void enqueue(String publicId, String openid) {
        Instant now = clock.instant();
        rows.insert(publicId, openid, now, now.plus(properties.window()));
        events.publishEvent(new OutboxWorker.RowAdded());
    }
}
