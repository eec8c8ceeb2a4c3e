package com.wxqr.mp.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessTokenTest {

    private static final Instant EXPIRY = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void toStringNeverShowsTheWholeValue() {
        String value = "76_abcdefghijklmnopqrstuvwxyz0123456789SECRETPART";
        AccessToken token = new AccessToken(value, EXPIRY);

        assertThat(token.toString())
                .doesNotContain(value)
                .doesNotContain("SECRETPART")
                .contains("2026-01-01T12:00:00Z");
        assertThat(new AccessToken("short", EXPIRY).toString()).doesNotContain("short");
    }

    @Test
    void isFreshOnlyWhileMoreThanTheMarginRemains() {
        AccessToken token = new AccessToken("value", EXPIRY);
        Duration margin = Duration.ofMinutes(5);

        assertThat(token.isFreshAt(EXPIRY.minus(Duration.ofMinutes(6)), margin)).isTrue();
        assertThat(token.isFreshAt(EXPIRY.minus(Duration.ofMinutes(5)), margin)).isFalse();
        assertThat(token.isFreshAt(EXPIRY.plusSeconds(1), margin)).isFalse();
    }

    @Test
    void rejectsABlankValue() {
        assertThatThrownBy(() -> new AccessToken(" ", EXPIRY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value");
    }
}
