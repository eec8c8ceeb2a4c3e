package com.wxqr.mp.api;

import java.time.Duration;

/**
 * The instant, on {@link System#nanoTime()}'s scale, by which a call must be over. One deadline
 * covers a whole call: waiting for a connection slot, connecting, sending, the answer's headers and
 * body, the client's retries and the pauses between them.
 */
record Deadline(long nanoTime, Duration timeout) {

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** The earlier of this deadline and {@code other} (a nested call never outlives its caller). */
    Deadline min(Deadline other) {
        return other.nanoTime - nanoTime < 0 ? other : this;
    }

    /** The time left; zero or negative once the deadline has passed. */
    Duration remaining() {
        return Duration.ofNanos(nanoTime - System.nanoTime());
    }
}
