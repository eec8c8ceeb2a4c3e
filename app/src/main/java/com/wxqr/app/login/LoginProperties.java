package com.wxqr.app.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scan to log in ({@code wxqr.login.*}): how long a login QR code is valid, how long a session
 * lasts after the scan at most, and after how long without a request it ends.
 *
 * @param codeExpiry lifetime of a login QR code (10 seconds to 30 days)
 * @param sessionTimeout how long a login lasts at most (at least a minute); sessions live in the database
 * @param idleTimeout a session without a request for this long ends (at least a minute, at most the
 *     session timeout)
 */
@ConfigurationProperties("wxqr.login")
public record LoginProperties(
        @DefaultValue("5m") Duration codeExpiry,
        @DefaultValue("7d") Duration sessionTimeout,
        @DefaultValue("2h") Duration idleTimeout) {

    public LoginProperties {
        if (codeExpiry.toSeconds() < 10 || codeExpiry.toSeconds() > 2_592_000) {
            throw new IllegalArgumentException("wxqr.login.code-expiry must be between 10 seconds and 30 days");
        }
        if (sessionTimeout.toMinutes() < 1) {
            throw new IllegalArgumentException("wxqr.login.session-timeout must be at least 1 minute");
        }
        if (idleTimeout.toMinutes() < 1 || idleTimeout.compareTo(sessionTimeout) > 0) {
            throw new IllegalArgumentException(
                    "wxqr.login.idle-timeout must be at least 1 minute and at most wxqr.login.session-timeout");
        }
    }
}
