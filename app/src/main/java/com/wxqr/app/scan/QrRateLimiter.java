package com.wxqr.app.scan;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Limits how many QR codes one client address may create within a sliding window
 * ({@code wxqr.qr.rate-limit} per {@code wxqr.qr.rate-window}). In memory and per instance: it
 * guards the daily quota against a single bot, not against a distributed attack.
 */
@Component
class QrRateLimiter {
    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private final QrProperties properties;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    QrRateLimiter(QrProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether {@code client} is below the limit now; counts nothing. */
    boolean hasRoom(String client) {
        Deque<Instant> times = recent.get(client);
        if (times == null) {
            return true;
        }
        Instant windowStart = clock.instant().minus(properties.rateWindow());
        synchronized (times) {
            return times.stream().filter(t -> t.isAfter(windowStart)).count() < properties.rateLimit();
        }
    }

    /** Counts one creation for {@code client}; false (and nothing counted) when it is over the limit. */
    boolean tryAcquire(String client) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(properties.rateWindow());
        if (recent.size() > MAX_TRACKED_CLIENTS) {
            recent.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().isEmpty() || !e.getValue().peekLast().isAfter(windowStart);
                }
            });
        }
        Deque<Instant> times = recent.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
                times.pollFirst();
            }
            if (times.size() >= properties.rateLimit()) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
