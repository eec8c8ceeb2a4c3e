package com.wxqr.app.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import com.wxqr.app.quote.Quote;
import com.wxqr.app.quote.Quotes;
import com.wxqr.mp.api.InvalidTokenException;
import com.wxqr.mp.api.OutsideWindowException;
import com.wxqr.mp.api.RateLimitedException;
import com.wxqr.mp.api.SystemBusyException;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatApiException;
import com.wxqr.mp.api.WeChatTransportException;

/**
 * Sends the outbox's customer-service deliveries: right after the push that wrote a row commits,
 * and on a timer for retries and for rows left behind by a stopped instance. Transient failures
 * (-1, 45009/45011, token errors, network) are retried with exponential backoff and jitter within
 * {@code wxqr.delivery.max-attempts} and the interaction window; 45015/45047 and other refusals end
 * the delivery as a failure whose reason the PC page shows. Counts {@code wxqr.deliveries}.
 */
@Component
class OutboxWorker implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final int BATCH = 10;

    /** Published inside the push's transaction when a row was added. */
    record RowAdded() {
    }

    private final OutboxRepository outbox;
    private final Quotes quotes;
    private final QuoteCard cards;
    private final WeChatClient weChat;
    private final TransactionTemplate transactions;
    private final DeliveryProperties properties;
    private final MessageSource messages;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-worker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean draining = new AtomicBoolean();

    OutboxWorker(OutboxRepository outbox, Quotes quotes, QuoteCard cards, WeChatClient weChat,
            TransactionTemplate transactions, DeliveryProperties properties, MessageSource messages,
            MeterRegistry meters, Clock clock) {
        this.outbox = outbox;
        this.quotes = quotes;
        this.cards = cards;
        this.weChat = weChat;
        this.transactions = transactions;
        this.properties = properties;
        this.messages = messages;
        this.meters = meters;
        this.clock = clock;
    }

    @TransactionalEventListener
    void onRowAdded(RowAdded event) {
        executor.execute(this::drain);
    }

    @Scheduled(fixedDelayString = "${wxqr.delivery.poll-interval:1s}", initialDelayString = "${wxqr.delivery.poll-interval:1s}")
    void poll() {
        executor.execute(this::drain);
    }

    /** Sends every due row; one drain at a time per instance (other instances take other rows). */
    void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            List<OutboxRow> rows;
            do {
                Instant now = clock.instant();
                rows = transactions.execute(s -> outbox.claimDue(now, now.plus(properties.lease()), BATCH));
                rows.forEach(this::send);
            } while (rows.size() == BATCH);
        } catch (RuntimeException e) {
            log.warn("outbox drain failed; will retry: {}", e.toString());
        } finally {
            draining.set(false);
        }
    }

    private void send(OutboxRow row) {
        Instant now = clock.instant();
        if (now.isAfter(row.windowEndsAt())) {
            fail(row, text("delivery.failed.window"), "window");
            return;
        }
        Quote quote = quotes.find(row.quotePublicId()).orElseThrow();
        try {
            weChat.sendNews(row.openid(), cards.of(quote));
            transactions.executeWithoutResult(s -> {
                outbox.markSent(row.id(), clock.instant());
                quotes.markDelivered(row.quotePublicId());
            });
            meters.counter("wxqr.deliveries", "mode", "custom", "outcome", "sent").increment();
        } catch (OutsideWindowException e) {
            fail(row, text("delivery.failed.window") + "（" + e.errcode() + "）", "window");
        } catch (SystemBusyException | RateLimitedException | InvalidTokenException e) {
            retryOrFail(row, e.errcode() + " " + e.errmsg());
        } catch (WeChatTransportException e) {
            retryOrFail(row, "network: " + e.getMessage());
        } catch (WeChatApiException e) {
            fail(row, messages.getMessage("delivery.failed.other",
                    new Object[] {e.errcode() + " " + (e.meaning() == null ? e.errmsg() : e.meaning())}, CHINESE),
                    "refused");
        }
    }

    private void retryOrFail(OutboxRow row, String error) {
        int attempt = row.attempts() + 1;
        Instant next = clock.instant().plus(backoff(attempt));
        if (attempt >= properties.maxAttempts() || next.isAfter(row.windowEndsAt())) {
            fail(row, messages.getMessage("delivery.failed.exhausted", new Object[] {error}, CHINESE), "exhausted");
            return;
        }
        log.info("delivery {} attempt {} failed ({}); retrying at {}", row.id(), attempt, error, next);
        transactions.executeWithoutResult(s -> outbox.scheduleRetry(row.id(), error, next));
        meters.counter("wxqr.deliveries", "mode", "custom", "outcome", "retry").increment();
    }

    /** {@code first-backoff × 2^(attempt-1)}, the upper half of it random. */
    private Duration backoff(int attempt) {
        long base = properties.firstBackoff().toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private void fail(OutboxRow row, String reason, String outcome) {
        log.info("delivery {} failed: {}", row.id(), reason);
        transactions.executeWithoutResult(s -> {
            outbox.markFailed(row.id(), reason, clock.instant());
            quotes.markFailed(row.quotePublicId(), reason);
        });
        meters.counter("wxqr.deliveries", "mode", "custom", "outcome", "failed-" + outcome).increment();
    }

    private String text(String key) {
        return messages.getMessage(key, null, CHINESE);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
