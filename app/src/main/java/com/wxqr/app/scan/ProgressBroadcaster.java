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
public class ProgressBroadcaster {
    private static final Logger log = LoggerFactory.getLogger(ProgressBroadcaster.class);
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(35);

    private final ScanStatuses statuses;
    private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final Map<String, String> lastSent = new ConcurrentHashMap<>();

    ProgressBroadcaster(ScanStatuses statuses) {
        this.statuses = statuses;
    }

    /** A new stream for the quote, which starts with its current status; empty for an unknown quote. */
    public Optional<SseEmitter> subscribe(String publicId) {
        Optional<ScanStatus> current = statuses.of(publicId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Set<SseEmitter> set = streams.computeIfAbsent(publicId, id -> new CopyOnWriteArraySet<>());
        set.add(emitter);
        Runnable remove = () -> {
            set.remove(emitter);
            if (set.isEmpty()) {
                streams.remove(publicId, set);
                lastSent.remove(publicId);
            }
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        lastSent.put(publicId, current.get().status());
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
        for (String publicId : streams.keySet()) {
            statuses.of(publicId).filter(s -> !s.status().equals(lastSent.get(publicId)))
                    .ifPresent(s -> send(publicId, s));
        }
    }

    /** Sends the quote's current status to all its streams. */
    public void publish(String publicId) {
        Set<SseEmitter> set = streams.get(publicId);
        if (set == null || set.isEmpty()) {
            return;
        }
        statuses.of(publicId).ifPresent(status -> send(publicId, status));
    }

    private void send(String publicId, ScanStatus status) {
        Set<SseEmitter> set = streams.get(publicId);
        if (set == null || set.isEmpty()) {
            return;
        }
        lastSent.put(publicId, status.status());
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
