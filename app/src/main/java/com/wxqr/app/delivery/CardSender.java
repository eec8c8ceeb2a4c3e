package com.wxqr.app.delivery;

import com.wxqr.app.quote.Quote;
import com.wxqr.app.quote.Quotes;
import com.wxqr.app.web.Texts;
import com.wxqr.mp.api.InvalidTokenException;
import com.wxqr.mp.api.OutsideWindowException;
import com.wxqr.mp.api.RateLimitedException;
import com.wxqr.mp.api.SystemBusyException;
import com.wxqr.mp.api.WeChatApiException;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatTransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims the due outbox rows for the {@link OutboxWorker} and decides what becomes of each: the card
 * is sent and the row and
 * the quote marked, each outcome recorded only while the row's lease still holds. Transient
 * failures (-1, 45009/45011, token errors, network) are retried with exponential backoff and
 * jitter within {@code wxqr.delivery.max-attempts} and the interaction window; 45015/45047 and
 * other refusals end the delivery as a failure whose reason the PC page shows. Counts
 * {@link DeliveryMetrics}.
 */
@Component
class CardSender {
    private static final Logger log = LoggerFactory.getLogger(CardSender.class);

    private final OutboxRepository outbox;
    private final Quotes quotes;
    private final QuoteCard cards;
    private final WeChatClient weChat;
    private final TransactionTemplate transactions;
    private final DeliveryProperties properties;
    private final Texts texts;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    CardSender(
            OutboxRepository outbox,
            Quotes quotes,
            QuoteCard cards,
            WeChatClient weChat,
            TransactionTemplate transactions,
            DeliveryProperties properties,
            Texts texts,
            DeliveryMetrics metrics,
            Clock clock) {
        this.outbox = outbox;
        this.quotes = quotes;
        this.cards = cards;
        this.weChat = weChat;
        this.transactions = transactions;
        this.properties = properties;
        this.texts = texts;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Claims the next due row for {@code wxqr.delivery.lease}, in its own transaction; empty when none is due. */
    Optional<OutboxRow> claimNext() {
        Instant now = clock.instant();
        return transactions.execute(s -> outbox.claimNext(now, now.plus(properties.lease())));
    }

    /** Sends one row; anything unexpected parks that row with its reason instead of stopping the worker. */
    void process(OutboxRow row) {
        try {
            send(row);
        } catch (RuntimeException e) {
            park(row, e);
        }
    }

    private void send(OutboxRow row) {
        Instant now = clock.instant();
        if (now.isAfter(row.windowEndsAt())) {
            fail(row, texts.text("delivery.failed.window"), "window");
            return;
        }
        Quote quote = quotes.find(row.quotePublicId())
                .orElseThrow(() -> new IllegalStateException("quote " + row.quotePublicId() + " not found"));
        try {
            weChat.sendNews(row.openid(), cards.of(quote));
        } catch (OutsideWindowException e) {
            fail(row, texts.text("delivery.failed.window") + "（" + e.errcode() + "）", "window");
            return;
        } catch (SystemBusyException | RateLimitedException | InvalidTokenException e) {
            retryOrFail(row, e.errcode() + " " + e.errmsg());
            return;
        } catch (WeChatTransportException e) {
            retryOrFail(row, "network: " + e.getMessage());
            return;
        } catch (WeChatApiException e) {
            fail(
                    row,
                    texts.text(
                            "delivery.failed.other",
                            e.errcode() + " " + (e.meaning() == null ? e.errmsg() : e.meaning())),
                    "refused");
            return;
        }
        boolean held = Boolean.TRUE.equals(transactions.execute(s -> {
            if (!outbox.markSent(row, clock.instant())) {
                return false;
            }
            quotes.markDelivered(row.quotePublicId());
            return true;
        }));
        if (held) {
            metrics.sent();
        } else {
            leaseLost(row, "sent");
        }
    }

    private void retryOrFail(OutboxRow row, String error) {
        int attempt = row.attempts() + 1;
        Instant next = clock.instant().plus(backoff(attempt));
        if (attempt >= properties.maxAttempts() || next.isAfter(row.windowEndsAt())) {
            fail(row, texts.text("delivery.failed.exhausted", error), "exhausted");
            return;
        }
        log.info("delivery {} attempt {} failed ({}); retrying at {}", row.id(), attempt, error, next);
        if (Boolean.TRUE.equals(transactions.execute(s -> outbox.scheduleRetry(row, error, next)))) {
            metrics.retried();
        } else {
            leaseLost(row, "retry");
        }
    }

    /** {@code first-backoff × 2^(attempt-1)}, the upper half of it random. */
    private Duration backoff(int attempt) {
        long base = properties.firstBackoff().toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    /**
     * Ends the row as failed and, unless a card of the quote was sent (a delivered quote stays
     * delivered), the quote too, with {@code reason} for the PC page.
     */
    private void fail(OutboxRow row, String reason, String outcome) {
        log.info("delivery {} failed: {}", row.id(), reason);
        boolean held = Boolean.TRUE.equals(transactions.execute(s -> {
            if (!outbox.markFailed(row, reason, clock.instant())) {
                return false;
            }
            if (!outbox.anySent(row.quotePublicId())) {
                quotes.markFailed(row.quotePublicId(), reason);
            }
            return true;
        }));
        if (held) {
            metrics.failed(outcome);
        } else {
            leaseLost(row, "failed");
        }
    }

    /** A row the worker cannot handle is set aside with its reason; the quote shows it failed. */
    private void park(OutboxRow row, RuntimeException cause) {
        log.error("delivery {} parked after an unexpected error", row.id(), cause);
        metrics.parked();
        try {
            boolean held =
                    Boolean.TRUE.equals(transactions.execute(s -> outbox.park(row, cause.toString(), clock.instant())));
            if (held) {
                transactions.executeWithoutResult(s -> {
                    if (!outbox.anySent(row.quotePublicId())) {
                        quotes.markFailed(row.quotePublicId(), texts.text("delivery.failed.internal"));
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn(
                    "delivery {}: recording the failure failed too; the row is retried when its lease ends: {}",
                    row.id(),
                    e.toString());
        }
    }

    /** The row's lease ran out and another worker claimed it: this worker's outcome is dropped. */
    private void leaseLost(OutboxRow row, String outcome) {
        log.warn("delivery {}: lease lost before recording '{}'; another worker owns the row now", row.id(), outcome);
        metrics.leaseLost();
    }
}
