package com.wxqr.app.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code wxqr.login.idle-timeout} is at least a minute and no longer than the session itself. */
class LoginPropertiesTest {

    @Test
    void theIdleTimeoutIsCheckedAtStart() {
        assertThat(new LoginProperties(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofHours(2)).idleTimeout())
                .isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> new LoginProperties(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofSeconds(30)))
                .hasMessageContaining("wxqr.login.idle-timeout");
        assertThatThrownBy(() -> new LoginProperties(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(2)))
                .hasMessageContaining("at most wxqr.login.session-timeout");
    }
}
