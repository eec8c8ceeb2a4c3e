package com.wxqr.mp.token;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * WeChat's limit on forced refreshes of a stable access_token ({@code POST /cgi-bin/stable_token}
 * with {@code force_refresh: true}, docs/PROTOCOL.md#stable-access-tokens): at most
 * {@link #DAILY_LIMIT} a day and at least {@link #MIN_INTERVAL} apart. A forced refresh outside it
 * is refused (45009) or silently does nothing, so the client asks its budget before forcing one.
 *
 * <p>Instances sharing a budget (a database-backed one for a cluster) share the limit, as WeChat
 * counts per AppID. Implementations must be thread-safe.
 */
public interface ForceRefreshBudget {

    /** Forced refreshes a day per AppID. */
    int DAILY_LIMIT = 20;
    /** The least time between two forced refreshes of one AppID. */
    Duration MIN_INTERVAL = Duration.ofSeconds(30);
    /** WeChat's daily quotas turn over at midnight in China. */
    ZoneId QUOTA_ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * Takes one forced refresh of {@code appId}'s stable token at {@code now} if the budget allows it
     * (fewer than {@link #DAILY_LIMIT} taken on {@code now}'s day, the last one at least
     * {@link #MIN_INTERVAL} ago); returns false and takes nothing otherwise.
     */
    boolean tryTake(String appId, Instant now);

    /** The quota day {@code now} falls on. */
    static LocalDate quotaDay(Instant now) {
        return now.atZone(QUOTA_ZONE).toLocalDate();
    }
}
