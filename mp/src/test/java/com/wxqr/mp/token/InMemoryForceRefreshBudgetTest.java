package com.wxqr.mp.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** WeChat's forced-refresh limit (docs/PROTOCOL.md#stable-access-tokens): 20 a day, 30 s apart. */
class InMemoryForceRefreshBudgetTest {
    /** 09:00 in Beijing. */
    static final Instant MORNING = Instant.parse("2026-11-25T01:00:00Z");

    final InMemoryForceRefreshBudget budget = new InMemoryForceRefreshBudget();

    @Test
    void aSecondRefreshWithin30SecondsIsRefused() {
        assertThat(budget.tryTake("wxa", MORNING)).isTrue();
        assertThat(budget.tryTake("wxa", MORNING.plusSeconds(29))).isFalse();
        assertThat(budget.tryTake("wxa", MORNING.plusSeconds(30))).isTrue();
        assertThat(budget.tryTake("wxb", MORNING.plusSeconds(30)))
                .as("another AppID")
                .isTrue();
    }

    @Test
    void twentyADayThenNoneUntilMidnightInBeijing() {
        Instant t = MORNING;
        for (int i = 0; i < 20; i++, t = t.plus(Duration.ofMinutes(1))) {
            assertThat(budget.tryTake("wxa", t)).as("refresh %d", i + 1).isTrue();
        }
        assertThat(budget.tryTake("wxa", t)).as("the 21st").isFalse();
        assertThat(budget.tryTake("wxa", Instant.parse("2026-11-25T15:59:59Z"))).isFalse();
        assertThat(budget.tryTake("wxa", Instant.parse("2026-11-25T16:00:00Z")))
                .as("00:00 in Beijing")
                .isTrue();
    }
}
