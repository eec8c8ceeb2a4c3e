package com.wxqr.app.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.DatabaseTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * WeChat's limit on forced refreshes of the stable token (docs/PROTOCOL.md#stable-access-tokens), kept
 * in the database for the cluster; over the real migrations on H2, and on PostgreSQL in
 * {@link JdbcForceRefreshBudgetIT}.
 */
class JdbcForceRefreshBudgetTest extends DatabaseTest {
    static final String APP = "wx0123456789abcdef";
    /** 09:00 in Beijing. */
    static final Instant MORNING = Instant.parse("2026-11-25T01:00:00Z");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    JdbcForceRefreshBudget budget() {
        return new JdbcForceRefreshBudget(db.dataSource(), meters);
    }

    double counted(String outcome) {
        return meters.counter("wxqr.token.forced.refreshes", "outcome", outcome).count();
    }

    @Test
    void aSecondRefreshWithin30SecondsIsRefusedAlsoToAnotherInstance() {
        JdbcForceRefreshBudget one = budget();
        JdbcForceRefreshBudget other = budget();
        assertThat(one.tryTake(APP, MORNING)).isTrue();
        assertThat(other.tryTake(APP, MORNING.plusSeconds(29)))
                .as("another instance, 29 s later")
                .isFalse();
        assertThat(one.tryTake(APP, MORNING.plusSeconds(29))).isFalse();
        assertThat(other.tryTake(APP, MORNING.plusSeconds(30))).as("30 s later").isTrue();
        assertThat(one.tryTake("wx_another_app", MORNING.plusSeconds(30)))
                .as("another AppID")
                .isTrue();
        assertThat(counted("taken")).isEqualTo(3.0);
        assertThat(counted("refused")).isEqualTo(2.0);
    }

    @Test
    void twentyADayAcrossTheInstancesThenNoneUntilMidnightInBeijing() {
        JdbcForceRefreshBudget[] instances = {budget(), budget(), budget()};
        Instant t = MORNING;
        for (int i = 0; i < 20; i++, t = t.plus(Duration.ofMinutes(1))) {
            assertThat(instances[i % 3].tryTake(APP, t)).as("refresh %d", i + 1).isTrue();
        }
        assertThat(instances[2].tryTake(APP, t)).as("the 21st").isFalse();
        assertThat(instances[0].tryTake(APP, Instant.parse("2026-11-25T15:59:59Z")))
                .as("23:59:59 in Beijing")
                .isFalse();
        assertThat(instances[1].tryTake(APP, Instant.parse("2026-11-25T16:00:00Z")))
                .as("00:00 in Beijing")
                .isTrue();
        assertThat(instances[1].tryTake(APP, Instant.parse("2026-11-25T16:00:30Z")))
                .as("the new day's second")
                .isTrue();
        assertThat(db.jdbc()
                        .sql("select used from token_force_refresh where app_id = :app")
                        .param("app", APP)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }
}
