package com.wxqr.app.delivery;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.wxqr.app.quote.Progress;
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

    /** How the push is answered. */
    public enum Answer {
        /** Reply with the quote's news card. */
        NEWS_CARD,
        /** Reply {@code success}; the card follows as a customer-service message. */
        SUCCESS,
        /** Someone else owns the quote: nothing changed, nothing is delivered. */
        OTHER_OWNER
    }

    /**
     * Records the scan of {@code quoteId} by {@code openid} ({@link Quotes#claim}) and, when the
     * scanner owns the quote, starts delivering it to them; in the caller's transaction.
     */
    public Answer scanned(String quoteId, String openid, Progress.ScannedAs scannedAs) {
        if (properties.passive()) {
            if (!quotes.claim(quoteId, openid, scannedAs, true)) {
                return Answer.OTHER_OWNER;
            }
            afterCommit(() -> meters.counter("wxqr.deliveries", "mode", "passive", "outcome", "replied").increment());
            return Answer.NEWS_CARD;
        }
        if (!quotes.claim(quoteId, openid, scannedAs, false)) {
            return Answer.OTHER_OWNER;
        }
        Instant now = clock.instant();
        outbox.insert(quoteId, openid, now, now.plus(properties.window()));
        events.publishEvent(new OutboxWorker.RowAdded());
        return Answer.SUCCESS;
    }

    /** Runs {@code action} once the caller's transaction commits (at once without one): a retry rolled back counts nothing. */
    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
