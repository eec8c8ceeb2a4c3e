package com.wxqr.mp.token;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ForceRefreshBudget} in this JVM's memory, for the clients of one process. Thread-safe. */
public final class InMemoryForceRefreshBudget implements ForceRefreshBudget {

    /** What one AppID has taken: on which day, how many, and the last one. */
    private record Taken(LocalDate day, int count, Instant last) {}

    private final Map<String, Taken> taken = new ConcurrentHashMap<>();

    @Override
    public boolean tryTake(String appId, Instant now) {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(now, "now");
        LocalDate today = ForceRefreshBudget.quotaDay(now);
        boolean[] granted = {false};
        taken.compute(appId, (app, before) -> {
            if (before != null && now.isBefore(before.last().plus(MIN_INTERVAL))) {
                return before;
            }
            int count = before != null && before.day().equals(today) ? before.count() : 0;
            if (count >= DAILY_LIMIT) {
                return before;
            }
            granted[0] = true;
            return new Taken(today, count + 1, now);
        });
        return granted[0];
    }
}
