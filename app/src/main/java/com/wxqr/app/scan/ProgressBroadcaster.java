package com.wxqr.app.scan;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.wxqr.app.quote.QuoteProgressed;

/**
 * Pushes a quote's {@link ScanStatus} to the PC pages that follow it over Server-Sent Events: the
 * current status on subscribe, then every change after its transaction commits, and, checked every
 * {@code wxqr.qr.expiry-check-interval}, "expired" when the code runs out while the page waits and
 * any change another instance of the app made in the shared database.
 */
@Component
class ProgressBroadcaster {
    private static final Logger log = LoggerFactory.getLogger(ProgressBroadcaster.class);
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(35);

    private final ScanStatuses statuses;
    private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final Map<String, String> lastSent = new ConcurrentHashMap<>();

    ProgressBroadcaster(ScanStatuses statuses) {
        this.statuses = statuses;
    }

    /** A new stream for the quote, which starts with its current status; empty for an unknown quote. */
    Optional<SseEmitter> subscribe(String quoteId) {
        Optional<ScanStatus> current = statuses.of(quoteId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Set<SseEmitter> set = streams.computeIfAbsent(quoteId, id -> new CopyOnWriteArraySet<>());
        set.add(emitter);
        Runnable remove = () -> {
            set.remove(emitter);
            if (set.isEmpty()) {
                streams.remove(quoteId, set);
                lastSent.remove(quoteId);
            }
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        lastSent.put(quoteId, current.get().status());
        send(emitter, current.get());
        return Optional.of(emitter);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onProgress(QuoteProgressed event) {
        send(event.publicId(), statuses.of(event.publicId(), event.progress()));
    }

    /**
     * Sends what the events did not: a code that expired while its page waited, and changes made
     * by another instance of the app (which publishes its events in its own memory only).
     */
    @Scheduled(fixedDelayString = "${wxqr.qr.expiry-check-interval:2s}")
    void catchUp() {
        for (String quoteId : streams.keySet()) {
            statuses.of(quoteId).filter(s -> !s.status().equals(lastSent.get(quoteId)))
                    .ifPresent(s -> send(quoteId, s));
        }
    }

    /** Sends the quote's current status to all its streams. */
    void publish(String quoteId) {
        Set<SseEmitter> set = streams.get(quoteId);
        if (set == null || set.isEmpty()) {
            return;
        }
        statuses.of(quoteId).ifPresent(status -> send(quoteId, status));
    }

    private void send(String quoteId, ScanStatus status) {
        Set<SseEmitter> set = streams.get(quoteId);
        if (set == null || set.isEmpty()) {
            return;
        }
        lastSent.put(quoteId, status.status());
        set.forEach(emitter -> send(emitter, status));
    }

    private void send(SseEmitter emitter, ScanStatus status) {
        try {
            emitter.send(SseEmitter.event().name(status.status()).data(status, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            log.debug("SSE stream closed: {}", e.toString());
            emitter.completeWithError(e);
        }
    }
}
