package com.wxqr.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The emulator's time: a base clock plus an offset that only moves forward, so tests can step over
 * token lifetimes, QR expiry and customer-service windows without sleeping. Thread-safe.
 */
public final class EmulatorClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    public EmulatorClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base == null");
    }

    /** Moves the emulator's time forward; {@code IllegalArgumentException} for a negative amount. */
    public synchronized void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        offset = offset.plus(amount);
    }

    public Duration offset() {
        return offset;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        EmulatorClock c = new EmulatorClock(base.withZone(zone));
        c.offset = offset;
        return c;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }
}
