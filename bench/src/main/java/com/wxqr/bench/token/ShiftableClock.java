package com.wxqr.bench.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The system clock plus an offset that only moves forward, shared by the clients of one side. */
final class ShiftableClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();

    void advance(Duration amount) {
        offsetMillis.addAndGet(amount.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
