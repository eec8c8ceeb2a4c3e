package com.wxqr.app.quote;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes a quote's {@link ScanStatus} to the PC pages that follow it over Server-Sent Events.
 *
 * <p>A stream starts with the current status; then it gets every change: at once from this
 * instance's own events (after their transaction commits), from other instances through
 * {@link QuoteNotifications} (PostgreSQL), "expired" when the code runs out while the page waits,
 * and whatever a re-read of every followed quote each {@code wxqr.live.catch-up-interval} finds
 * different (a safety net; also run after the listening connection was re-opened). An idle stream
 * gets a heartbeat comment each {@code wxqr.live.heartbeat}, so a vanished client is found and
 * dropped. Reads and writes run on this class's own small pool, one quote's in order, never on the
 * thread that made the change nor on Spring's shared scheduler.
 *
 * <p>Streams are capped per client address and per instance ({@link StreamRefusedException}; the
 * page polls instead). When the application stops, every stream is completed before the web
 * server's graceful shutdown begins, so that shutdown does not wait for them.
 */
@Component
public class ProgressBroadcaster implements SmartLifecycle, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ProgressBroadcaster.class);
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(35);
    /** How long after a code's expiry its page is told, so the status read surely says "expired". */
    private static final Duration EXPIRY_MARGIN = Duration.ofMillis(50);

    private final ScanStatuses statuses;
    private final QuoteNotifications notifications;
    private final LiveStatusProperties settings;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();
    private final Map<String, Integer> perClient = new HashMap<>(); // guarded by this
    private int open; // guarded by this
    private boolean started; // guarded by this
    private boolean stopped; // guarded by this
    private final Map<StreamRefusedException.Reason, Counter> refused = new HashMap<>();

    ProgressBroadcaster(
            ScanStatuses statuses,
            QuoteNotifications notifications,
            LiveStatusProperties settings,
            Clock clock,
            MeterRegistry meters) {
        this.statuses = statuses;
        this.notifications = notifications;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(settings.threads(), task -> {
            Thread thread = new Thread(task, "live-status-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        Gauge.builder("wxqr.live.streams", this, ProgressBroadcaster::openStreams)
                .description("SSE status streams open on this instance")
                .register(meters);
        for (StreamRefusedException.Reason reason : StreamRefusedException.Reason.values()) {
            refused.put(
                    reason,
                    Counter.builder("wxqr.live.streams.refused")
                            .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                            .description("SSE status streams refused")
                            .register(meters));
        }
    }

    /**
     * A new stream for the quote, which starts with its current status; empty for an unknown quote.
     *
     * @throws StreamRefusedException when {@code client} or this instance already holds as many
     *         streams as allowed, or the application is stopping
     */
    public Optional<SseEmitter> subscribe(String publicId, String client) {
        admit(client); // first: a refused request costs no database read
        boolean known = false;
        try {
            known = statuses.of(publicId).isPresent();
        } finally {
            if (!known) {
                release(client);
            }
        }
        if (!known) {
            return Optional.empty();
        }
        Stream stream = new Stream(publicId, client, new SseEmitter(STREAM_TIMEOUT.toMillis()));
        stream.emitter.onCompletion(() -> remove(stream));
        stream.emitter.onTimeout(() -> remove(stream));
        stream.emitter.onError(e -> remove(stream));
        Followed quote = followed.compute(publicId, (id, f) -> {
            Followed existing = f == null ? new Followed(id) : f;
            existing.streams.add(stream);
            return existing;
        });
        // read after the stream is registered: a change committed later reaches it through an event
        quote.run(() -> refresh(quote, stream));
        if (isStopped()) {
            stream.emitter.complete();
        }
        return Optional.of(stream.emitter);
    }

    /** This instance's change: sent to the quote's streams here. Other instances hear it from the database. */
    @TransactionalEventListener(fallbackExecution = true)
    void onProgress(QuoteProgressed event) {
        Followed quote = followed.get(event.publicId());
        if (quote != null) {
            quote.run(() -> {
                sendIfChanged(quote, statuses.of(event.publicId(), event.progress()));
                watchExpiry(quote, null);
            });
        }
    }

    /**
     * The quote changed in a way no event carries (a new code): every instance re-reads it for
     * its streams.
     */
    public void publish(String publicId) {
        notifications.announce(publicId);
        changed(publicId);
    }

    /** Re-reads the quote for its streams here, if it has any. */
    private void changed(String publicId) {
        Followed quote = followed.get(publicId);
        if (quote != null) {
            quote.run(() -> refresh(quote, null));
        }
    }

    private void refreshAll() {
        followed.values().forEach(quote -> quote.run(() -> refresh(quote, null)));
    }

    /**
     * Reads the status; sends it to all the quote's streams if it changed, else to {@code newcomer}
     * only (already one of them), if any.
     */
    private void refresh(Followed quote, Stream newcomer) {
        Optional<ScanStatuses.Observed> now = statuses.observe(quote.publicId);
        if (now.isEmpty()) {
            quote.streams.forEach(stream -> stream.emitter.complete());
            return;
        }
        if (!sendIfChanged(quote, now.get().status()) && newcomer != null) {
            send(newcomer, now.get().status());
        }
        watchExpiry(quote, now.get().codeExpiresAt());
    }

    /** Sends {@code status} to all the quote's streams unless it is what they got last; whether it did. */
    private boolean sendIfChanged(Followed quote, ScanStatus status) {
        if (status.equals(quote.lastSent)) {
            return false;
        }
        quote.lastSent = status;
        quote.streams.forEach(stream -> send(stream, status));
        return true;
    }

    /** Re-reads the quote just after its code runs out; any earlier check is called off. */
    private void watchExpiry(Followed quote, Instant codeExpiresAt) {
        if (quote.expiryCheck != null) {
            quote.expiryCheck.cancel(false);
            quote.expiryCheck = null;
        }
        if (codeExpiresAt != null) {
            long delay = Duration.between(clock.instant(), codeExpiresAt)
                    .plus(EXPIRY_MARGIN)
                    .toMillis();
            try {
                quote.expiryCheck = executor.schedule(
                        () -> quote.run(() -> refresh(quote, null)), Math.max(0, delay), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    private void heartbeat() {
        for (Followed quote : followed.values()) {
            for (Stream stream : quote.streams) {
                try {
                    stream.emitter.send(SseEmitter.event().comment(""));
                } catch (IOException | IllegalStateException e) {
                    drop(stream, e);
                }
            }
        }
    }

    private void send(Stream stream, ScanStatus status) {
        try {
            stream.emitter.send(SseEmitter.event().name(status.status()).data(status, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            drop(stream, e);
        }
    }

    private void drop(Stream stream, Exception e) {
        log.debug("SSE stream closed: {}", e.toString());
        remove(stream);
        try {
            stream.emitter.completeWithError(e);
        } catch (RuntimeException alreadyDone) {
            // the container has already ended the response
        }
    }

    private synchronized void admit(String client) {
        StreamRefusedException.Reason reason = stopped
                ? StreamRefusedException.Reason.STOPPING
                : open >= settings.maxStreams()
                        ? StreamRefusedException.Reason.INSTANCE_LIMIT
                        : perClient.getOrDefault(client, 0) >= settings.maxStreamsPerClient()
                                ? StreamRefusedException.Reason.CLIENT_LIMIT
                                : null;
        if (reason != null) {
            refused.get(reason).increment();
            throw new StreamRefusedException(reason);
        }
        perClient.merge(client, 1, Integer::sum);
        open++;
    }

    private void remove(Stream stream) {
        if (!stream.closed.compareAndSet(false, true)) {
            return;
        }
        followed.computeIfPresent(stream.publicId, (id, quote) -> {
            quote.streams.remove(stream);
            if (quote.streams.isEmpty()) {
                if (quote.expiryCheck != null) {
                    quote.expiryCheck.cancel(false);
                }
                return null;
            }
            return quote;
        });
        release(stream.client);
    }

    private synchronized void release(String client) {
        perClient.computeIfPresent(client, (c, n) -> n > 1 ? n - 1 : null);
        open--;
    }

    /** Streams open on this instance. */
    synchronized int openStreams() {
        return open;
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        long heartbeat = settings.heartbeat().toMillis();
        // periodic tasks end only when the pool does; each catches its own exceptions
        var unused =
                executor.scheduleAtFixedRate(guarded(this::heartbeat), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long catchUp = settings.catchUpInterval().toMillis();
        unused = executor.scheduleWithFixedDelay(guarded(this::refreshAll), catchUp, catchUp, TimeUnit.MILLISECONDS);
        notifications.listen(this::changed, this::refreshAll);
    }

    /** A periodic task that survives its own failure (an exception would cancel every later run). */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Live status task failed (it runs again at its next turn): {}", e.toString());
            }
        };
    }

    /** Completes every stream (the pages reconnect elsewhere or poll) and stops listening. */
    @Override
    public void stop() {
        synchronized (this) {
            if (!started || stopped) {
                return;
            }
            stopped = true;
        }
        notifications.stop();
        int completed = 0;
        for (Followed quote : followed.values()) {
            for (Stream stream : quote.streams) {
                try {
                    stream.emitter.complete();
                    completed++;
                } catch (RuntimeException e) {
                    log.debug("SSE stream already ended: {}", e.toString());
                }
            }
        }
        executor.shutdownNow();
        log.info("Completed {} live status streams for shutdown", completed);
    }

    @Override
    public synchronized boolean isRunning() {
        return started && !stopped;
    }

    /**
     * Not paused with its context (Spring's test context cache pauses idle contexts): its stop ends
     * every stream and its threads for good, as the shutdown needs, and a paused context resumed later
     * would otherwise answer every stream 503 as if it were stopping.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /** Just before the web server's graceful shutdown, which would otherwise wait for open streams. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
    }

    @Override
    public void destroy() {
        notifications.stop();
        executor.shutdownNow();
    }

    /** Why a stream was not opened. */
    public static final class StreamRefusedException extends RuntimeException {
        /** Which limit was reached, or that the application is stopping. */
        public enum Reason {
            CLIENT_LIMIT,
            INSTANCE_LIMIT,
            STOPPING
        }

        private final Reason reason;

        StreamRefusedException(Reason reason) {
            super("SSE stream refused: " + reason, null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** One page's stream. */
    private static final class Stream {
        final String publicId;
        final String client;
        final SseEmitter emitter;
        final AtomicBoolean closed = new AtomicBoolean();

        Stream(String publicId, String client, SseEmitter emitter) {
            this.publicId = publicId;
            this.client = client;
            this.emitter = emitter;
        }
    }

    /** One quote's streams on this instance; its tasks run one at a time, in the order given. */
    private final class Followed {
        final String publicId;
        final Set<Stream> streams = ConcurrentHashMap.newKeySet();
        private final Deque<Runnable> tasks = new ArrayDeque<>(); // guarded by this
        private boolean draining; // guarded by this
        /** Touched by this quote's tasks only, which never run at the same time. */
        ScanStatus lastSent;

        volatile ScheduledFuture<?> expiryCheck;

        Followed(String publicId) {
            this.publicId = publicId;
        }

        void run(Runnable task) {
            synchronized (this) {
                tasks.add(task);
                if (draining) {
                    return;
                }
                draining = true;
            }
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    tasks.clear();
                    draining = false;
                }
            }
        }

        private void drain() {
            while (true) {
                Runnable task;
                synchronized (this) {
                    task = tasks.poll();
                    if (task == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("Live status of quote not updated (the next change or catch-up will): {}", e.toString());
                }
            }
        }
    }
}
