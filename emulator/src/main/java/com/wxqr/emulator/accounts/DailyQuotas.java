package com.wxqr.emulator.accounts;

import com.wxqr.emulator.http.WeChatError;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/** Per-account, per-API daily call counters; the day turns at midnight Beijing time. Thread-safe. */
public final class DailyQuotas {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private record Key(String appId, String api) {}

    private record Count(LocalDate day, int used) {}

    private final Clock clock;
    private final Map<Key, Count> counts = new HashMap<>();

    public DailyQuotas(Clock clock) {
        this.clock = clock;
    }

    /** Calls of {@code api} counted today for the account. */
    public synchronized int used(String appId, String api) {
        Count c = counts.get(new Key(appId, api));
        return c == null || !c.day.equals(LocalDate.ofInstant(clock.instant(), BEIJING)) ? 0 : c.used;
    }

    /** Sets every counter of the account back to zero ({@code clear_quota}). */
    public synchronized void clear(String appId) {
        counts.keySet().removeIf(k -> k.appId.equals(appId));
    }

    /** Counts one call; 45009 when {@code limit} calls were already made today. */
    public synchronized void consume(String appId, String api, int limit) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), BEIJING);
        Key key = new Key(appId, api);
        Count c = counts.get(key);
        int used = c == null || !c.day.equals(today) ? 0 : c.used;
        if (used >= limit) {
            throw WeChatError.of(45009);
        }
        counts.put(key, new Count(today, used + 1));
    }
}
