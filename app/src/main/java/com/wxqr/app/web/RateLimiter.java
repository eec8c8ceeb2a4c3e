package com.wxqr.app.web;

import com.wxqr.app.retention.Prunable;
import com.wxqr.app.system.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rate limits shared by every instance through the database ({@code rate_limit_hit}): at most
 * {@link Bucket#limit()} hits per client address within any {@link Bucket#window()}, counted in
 * fixed windows with the previous window weighed in by how much of it still overlaps the sliding
 * window (the estimate Cloudflare and nginx-style limiters use; exact for even traffic, never more
 * than the limit over one fixed window).
 *
 * <p>A check is one read of the two windows' counts plus one conditional {@code UPDATE} (an
 * {@code INSERT} for a client's first hit in a window); the {@code UPDATE} holds the row lock, so
 * concurrent hits on several instances never admit more than the limit. Must be called outside a
 * transaction: a lost insert race is retried, which PostgreSQL does not allow inside a failed
 * transaction. Rows older than a day (or two of the longest window) are pruned by the retention job.
 */
@Component
public class RateLimiter implements Prunable {
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Duration longestWindow = Duration.ZERO;

    RateLimiter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A named limit: {@code limit} hits per {@code window}. */
    public record Bucket(String name, int limit, Duration window) {
        public Bucket {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > 32) {
                throw new IllegalArgumentException("bucket name must be 1..32 characters: " + name);
            }
            if (limit < 1) {
                throw new IllegalArgumentException("bucket " + name + ": limit must be at least 1");
            }
            if (window.toMillis() < 1000) {
                throw new IllegalArgumentException("bucket " + name + ": window must be at least 1 second");
            }
        }
    }

    /** Whether {@code client} may make another hit in {@code bucket} now; counts nothing. */
    public boolean hasRoom(Bucket bucket, String client) {
        Windows w = windows(bucket);
        return counts(bucket, key(client), w).room(bucket, w) >= 1;
    }

    /** Counts one hit for {@code client}; false (and nothing counted) when it is over the limit. */
    public boolean tryAcquire(Bucket bucket, String client) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("RateLimiter.tryAcquire must be called outside a transaction");
        }
        String key = key(client);
        Windows w = windows(bucket);
        for (int attempt = 0; attempt < 3; attempt++) {
            Counts counts = counts(bucket, key, w);
            // the hits still allowed in the current window, given the weighted previous one
            int ceiling = bucket.limit() - (int) Math.ceil(counts.previous() * w.previousWeight() - 1e-9);
            if (ceiling < 1 || counts.current() >= ceiling) {
                return false;
            }
            if (counts.currentRow()) {
                int updated = jdbc.sql("update rate_limit_hit set hits = hits + 1 where bucket = :b and client = :c "
                                + "and window_start = :w and hits < :ceiling")
                        .params(Map.of(
                                "b", bucket.name(), "c", key, "w", SqlTime.param(w.current()), "ceiling", ceiling))
                        .update();
                return updated == 1;
            }
            try {
                jdbc.sql("insert into rate_limit_hit (bucket, client, window_start, hits) values (:b, :c, :w, 1)")
                        .params(Map.of("b", bucket.name(), "c", key, "w", SqlTime.param(w.current())))
                        .update();
                return true;
            } catch (DuplicateKeyException e) {
                // another instance counted this client's first hit in the window at the same moment: count again
            }
        }
        return false;
    }

    @Override
    public String what() {
        return "old rate-limit windows";
    }

    /** Forgets the windows that can no longer weigh in at {@code now}. */
    @Override
    public int prune(Instant now) {
        return jdbc.sql("delete from rate_limit_hit where window_start < :before")
                .param("before", SqlTime.param(now.minus(keep())))
                .update();
    }

    private Duration keep() {
        Duration twoWindows = longestWindow.multipliedBy(2);
        return twoWindows.compareTo(Duration.ofDays(1)) > 0 ? twoWindows : Duration.ofDays(1);
    }

    private Counts counts(Bucket bucket, String key, Windows w) {
        int[] hits = new int[2];
        boolean[] currentRow = new boolean[1];
        jdbc.sql("select window_start, hits from rate_limit_hit where bucket = :b and client = :c "
                        + "and window_start in (:previous, :current)")
                .params(Map.of(
                        "b",
                        bucket.name(),
                        "c",
                        key,
                        "previous",
                        SqlTime.param(w.previous()),
                        "current",
                        SqlTime.param(w.current())))
                .query(rs -> {
                    if (SqlTime.read(rs, "window_start").equals(w.current())) {
                        hits[1] = rs.getInt("hits");
                        currentRow[0] = true;
                    } else {
                        hits[0] = rs.getInt("hits");
                    }
                });
        return new Counts(hits[0], hits[1], currentRow[0]);
    }

    private Windows windows(Bucket bucket) {
        long now = clock.millis();
        if (bucket.window().compareTo(longestWindow) > 0) {
            longestWindow = bucket.window();
        }
        long size = bucket.window().toMillis();
        long start = Math.floorDiv(now, size) * size;
        double elapsed = (now - start) / (double) size;
        return new Windows(Instant.ofEpochMilli(start - size), Instant.ofEpochMilli(start), 1 - elapsed);
    }

    private static String key(String client) {
        Objects.requireNonNull(client, "client");
        return client.length() > 64 ? client.substring(0, 64) : client;
    }

    private record Windows(Instant previous, Instant current, double previousWeight) {}

    private record Counts(int previous, int current, boolean currentRow) {
        int room(Bucket bucket, Windows w) {
            return bucket.limit() - (int) Math.ceil(previous * w.previousWeight() - 1e-9) - current;
        }
    }
}
