package com.wxqr.app.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Limits how often one client address may do something within a sliding window, per named
 * {@link Bucket} (QR codes created, quote forms posted). In memory and per instance: it guards the
 * account's quotas and the database against a single bot, not against a distributed attack.
 */
@Component
public class RateLimiter {
    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final Map<Key, Deque<Instant>> recent = new ConcurrentHashMap<>();

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** What is limited: {@code limit} actions per client per {@code window}. */
    public record Bucket(String name, int limit, Duration window) {
    }

    private record Key(String bucket, String client) {
    }

    /** Whether {@code client} is below the bucket's limit now; counts nothing. */
    public boolean hasRoom(Bucket bucket, String client) {
        Deque<Instant> times = recent.get(new Key(bucket.name(), client));
        if (times == null) {
            return true;
        }
        Instant windowStart = clock.instant().minus(bucket.window());
        synchronized (times) {
            return times.stream().filter(t -> t.isAfter(windowStart)).count() < bucket.limit();
        }
    }

    /** Counts one action of {@code client}; false (and nothing counted) when it is over the bucket's limit. */
    public boolean tryAcquire(Bucket bucket, String client) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(bucket.window());
        if (recent.size() > MAX_TRACKED) {
            recent.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().isEmpty() || !e.getValue().peekLast().isAfter(windowStart);
                }
            });
        }
        Deque<Instant> times = recent.computeIfAbsent(new Key(bucket.name(), client), k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
                times.pollFirst();
            }
            if (times.size() >= bucket.limit()) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
