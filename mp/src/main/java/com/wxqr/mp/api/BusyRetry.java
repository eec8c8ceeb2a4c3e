package com.wxqr.mp.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a call WeChat answered with -1 (system busy): at most {@code maxAttempts} attempts in all,
 * waiting {@code base × 2^(n-1)} (capped at {@code maxDelay}) with equal jitter (half fixed, half
 * random) after the n-th failure, and never past the call's deadline. The last
 * {@link SystemBusyException} reaches the caller.
 */
final class BusyRetry {

    /** Waits between attempts; tests substitute one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(BusyRetry.class);

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;

    BusyRetry(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.sleeper = sleeper;
    }

    <T> T call(String path, Deadline deadline, Supplier<T> attempt) {
        for (int failures = 1; ; failures++) {
            try {
                return attempt.get();
            } catch (SystemBusyException busy) {
                pauseAfter(failures, busy, path, deadline);
            }
        }
    }

    /**
     * Returns after waiting when another attempt is allowed after {@code failures} busy answers and
     * the wait ends before {@code deadline}; throws {@code busy} otherwise.
     */
    void pauseAfter(int failures, SystemBusyException busy, String path, Deadline deadline) {
        if (failures >= maxAttempts) {
            throw busy;
        }
        Duration delay = delayAfter(failures);
        if (delay.compareTo(deadline.remaining()) >= 0) {
            log.warn(
                    "{} answered -1 (system busy); no time left for attempt {} within the call timeout",
                    path,
                    failures + 1);
            throw busy;
        }
        log.warn(
                "{} answered -1 (system busy); attempt {}/{} in {} ms",
                path,
                failures + 1,
                maxAttempts,
                delay.toMillis());
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            busy.addSuppressed(e);
            throw busy;
        }
    }

    Duration delayAfter(int failures) {
        long exponential = baseDelay.toNanos() << Math.min(failures - 1, 30);
        long capped = Math.min(exponential < 0 ? Long.MAX_VALUE : exponential, maxDelay.toNanos());
        long half = capped / 2;
        long jitter = half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1);
        return Duration.ofNanos(capped - half + jitter);
    }
}
