package com.wxqr.app.wechat;

import com.wxqr.app.system.SqlTime;
import com.wxqr.mp.token.ForceRefreshBudget;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link ForceRefreshBudget} in the database (table {@code token_force_refresh}), so that the
 * instances sharing the token row also share WeChat's limit on forced refreshes: at most 20 a day
 * (Beijing time) and 30 s apart per AppID (docs/PROTOCOL.md#stable-access-tokens). Taking one is a
 * single conditional update, atomic under the row's lock on H2 and PostgreSQL alike. Counts every
 * answer in {@code wxqr.token.forced.refreshes} by {@code outcome} ({@code taken}, {@code refused}).
 */
final class JdbcForceRefreshBudget implements ForceRefreshBudget {
    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    JdbcForceRefreshBudget(DataSource dataSource, MeterRegistry meters) {
        this.jdbc = JdbcClient.create(dataSource);
        this.meters = meters;
    }

    @Override
    public boolean tryTake(String appId, Instant now) {
        // a row inserted by another instance meanwhile was a refresh just now: refusing is right
        boolean taken = take(appId, now) || firstEver(appId, now);
        meters.counter("wxqr.token.forced.refreshes", "outcome", taken ? "taken" : "refused")
                .increment();
        return taken;
    }

    /** Takes one from the existing row if the limits allow; false when they don't or there is no row. */
    private boolean take(String appId, Instant now) {
        LocalDate today = ForceRefreshBudget.quotaDay(now);
        return jdbc.sql("""
                        update token_force_refresh
                        set used = case when quota_day = :today then used + 1 else 1 end,
                            quota_day = :today,
                            last_at = :now
                        where app_id = :app
                          and last_at <= :latest
                          and (quota_day <> :today or used < :limit)
                        """)
                        .param("today", today)
                        .param("now", SqlTime.param(now))
                        .param("latest", SqlTime.param(now.minus(MIN_INTERVAL)))
                        .param("limit", DAILY_LIMIT)
                        .param("app", appId)
                        .update()
                == 1;
    }

    /** The AppID's first forced refresh ever; false when the row exists already (another instance's). */
    private boolean firstEver(String appId, Instant now) {
        try {
            return jdbc.sql("""
                            insert into token_force_refresh (app_id, quota_day, used, last_at)
                            values (:app, :today, 1, :now)
                            """)
                            .param("app", appId)
                            .param("today", ForceRefreshBudget.quotaDay(now))
                            .param("now", SqlTime.param(now))
                            .update()
                    == 1;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }
}
