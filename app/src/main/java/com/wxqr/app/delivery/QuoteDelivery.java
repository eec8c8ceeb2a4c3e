package com.wxqr.app.delivery;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.wxqr.app.quote.Quotes;

/**
 * Starts delivering a quote to the WeChat user who just scanned its code. Runs inside the push's
 * transaction and never calls WeChat: in passive mode the card is the reply itself, in custom mode
 * an outbox row is written for the {@link OutboxWorker}, which sends it after the commit.
 */
@Service
public class QuoteDelivery {
    private final DeliveryProperties properties;
    private final OutboxRepository outbox;
    private final Quotes quotes;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Clock clock;

    QuoteDelivery(DeliveryProperties properties, OutboxRepository outbox, Quotes quotes,
            ApplicationEventPublisher events, MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.properties = properties;
        this.outbox = outbox;
        this.quotes = quotes;
        this.events = events;
        this.clock = clock;
    }

    /** How the push is answered once the delivery has started. */
    public enum Answer {
        /** Reply with the quote's news card. */
        NEWS_CARD,
        /** Reply {@code success}; the card follows as a customer-service message. */
        SUCCESS
    }

    /** Starts the delivery of {@code quoteId} to {@code openid}, in the caller's transaction. */
    public Answer start(String quoteId, String openid) {
        if (properties.passive()) {
            quotes.markDelivered(quoteId);
            meters.counter("wxqr.deliveries", "mode", "passive", "outcome", "replied").increment();
            return Answer.NEWS_CARD;
        }
        Instant now = clock.instant();
        outbox.insert(quoteId, openid, now, now.plus(properties.window()));
        events.publishEvent(new OutboxWorker.RowAdded());
        return Answer.SUCCESS;
    }
}
