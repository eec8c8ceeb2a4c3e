package com.wxqr.app.delivery;

import com.wxqr.app.quote.Quote;
import com.wxqr.app.quote.Quotes;
import com.wxqr.mp.api.InvalidTokenException;
import com.wxqr.mp.api.OutsideWindowException;
import com.wxqr.mp.api.RateLimitedException;
import com.wxqr.mp.api.SystemBusyException;
import com.wxqr.mp.api.WeChatApiException;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatTransportException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox's customer-service deliveries: right after the push that wrote a row commits,
 * and on a timer for retries and for rows left behind by a stopped instance. Up to
 * {@code wxqr.delivery.workers} threads each claim one row at a time under a fenced lease (see
 * {@link OutboxRepository}); a row whose lease was lost is left to its new holder, and a row that
 * throws something unexpected is parked with its reason. Transient failures
 * (-1, 45009/45011, token errors, network) are retried with exponential backoff and jitter within
 * {@code wxqr.delivery.max-attempts} and the interaction window; 45015/45047 and other refusals end
 * the delivery as a failure whose reason the PC page shows. Counts {@code wxqr.deliveries}.
 */
@Component
class OutboxWorker implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    /** Published inside the push's transaction when a row was added. */
    record RowAdded() {}

    private final OutboxRepository outbox;
    private final Quotes quotes;
    private final QuoteCard cards;
    private final WeChatClient weChat;
    private final TransactionTemplate transactions;
    private final DeliveryProperties properties;
    private final MessageSource messages;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ExecutorService executor;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopped;

    OutboxWorker(
            OutboxRepository outbox,
            Quotes quotes,
            QuoteCard cards,
            WeChatClient weChat,
            TransactionTemplate transactions,
            DeliveryProperties properties,
            MessageSource messages,
            MeterRegistry meters,
            Clock clock) {
        this.outbox = outbox;
        this.quotes = quotes;
        this.cards = cards;
        this.weChat = weChat;
        this.transactions = transactions;
        this.properties = properties;
        this.messages = messages;
        this.meters = meters;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(properties.workers(), r -> {
            Thread t = new Thread(r, "outbox-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @TransactionalEventListener
    void onRowAdded(RowAdded event) {
        kick();
    }

    @Scheduled(
            fixedDelayString = "${wxqr.delivery.poll-interval:1s}",
            initialDelayString = "${wxqr.delivery.poll-interval:1s}")
    void poll() {
        kick();
    }

    /** Starts one more worker unless all {@code wxqr.delivery.workers} are busy. */
    private void kick() {
        int n;
        do {
            n = running.get();
            if (n >= properties.workers() || stopped) {
                return;
            }
        } while (!running.compareAndSet(n, n + 1));
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            running.decrementAndGet();
        }
    }

    /**
     * Claims due rows one at a time and sends each; a worker that claimed a row first starts
     * another (if one is idle) for the rows behind it, so one slow send does not hold the rest.
     */
    void drain() {
        try {
            while (!stopped) {
                Instant now = clock.instant();
                Optional<OutboxRow> row =
                        transactions.execute(s -> outbox.claimNext(now, now.plus(properties.lease())));
                if (row.isEmpty()) {
                    return;
                }
                kick();
                process(row.get());
            }
        } catch (RuntimeException e) {
            log.warn("outbox worker stopped on a database error; the next poll resumes: {}", e.toString());
        } finally {
            running.decrementAndGet();
        }
    }

    /** Sends one row; anything unexpected parks that row with its reason instead of stopping the worker. */
    private void process(OutboxRow row) {
        try {
            send(row);
        } catch (RuntimeException e) {
            park(row, e);
        }
    }

    private void send(OutboxRow row) {
        Instant now = clock.instant();
        if (now.isAfter(row.windowEndsAt())) {
            fail(row, text("delivery.failed.window"), "window");
            return;
        }
        Quote quote = quotes.find(row.quotePublicId())
                .orElseThrow(() -> new IllegalStateException("quote " + row.quotePublicId() + " not found"));
        try {
            weChat.sendNews(row.openid(), cards.of(quote));
        } catch (OutsideWindowException e) {
            fail(row, text("delivery.failed.window") + "（" + e.errcode() + "）", "window");
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
                    messages.getMessage(
                            "delivery.failed.other",
                            new Object[] {e.errcode() + " " + (e.meaning() == null ? e.errmsg() : e.meaning())},
                            CHINESE),
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
            meters.counter("wxqr.deliveries", "mode", "custom", "outcome", "sent")
                    .increment();
        } else {
            leaseLost(row, "sent");
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
        if (Boolean.TRUE.equals(transactions.execute(s -> outbox.scheduleRetry(row, error, next)))) {
            meters.counter("wxqr.deliveries", "mode", "custom", "outcome", "retry")
                    .increment();
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
            meters.counter("wxqr.deliveries", "mode", "custom", "outcome", "failed-" + outcome)
                    .increment();
        } else {
            leaseLost(row, "failed");
        }
    }

    /** A row the worker cannot handle is set aside with its reason; the quote shows it failed. */
    private void park(OutboxRow row, RuntimeException cause) {
        log.error("delivery {} parked after an unexpected error", row.id(), cause);
        meters.counter("wxqr.deliveries", "mode", "custom", "outcome", "parked").increment();
        try {
            boolean held =
                    Boolean.TRUE.equals(transactions.execute(s -> outbox.park(row, cause.toString(), clock.instant())));
            if (held) {
                transactions.executeWithoutResult(s -> {
                    if (!outbox.anySent(row.quotePublicId())) {
                        quotes.markFailed(row.quotePublicId(), text("delivery.failed.internal"));
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
        meters.counter("wxqr.deliveries", "mode", "custom", "outcome", "lease-lost")
                .increment();
    }

    private String text(String key) {
        return messages.getMessage(key, null, CHINESE);
    }

    @Override
    public void destroy() {
        stopped = true;
        executor.shutdownNow();
    }
}
