package com.wxqr.app.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scan to log in ({@code wxqr.login.*}): how long a login QR code is valid, and how long a session
 * lasts after the scan.
 *
 * @param codeExpiry lifetime of a login QR code (10 seconds to 30 days)
 * @param sessionTimeout how long a login lasts (at least a minute); sessions live in the database
 */
@ConfigurationProperties("wxqr.login")
public record LoginProperties(
        @DefaultValue("5m") Duration codeExpiry,
        @DefaultValue("7d") Duration sessionTimeout) {

    public LoginProperties {
        if (codeExpiry.toSeconds() < 10 || codeExpiry.toSeconds() > 2_592_000) {
            throw new IllegalArgumentException("wxqr.login.code-expiry must be between 10 seconds and 30 days");
        }
        if (sessionTimeout.toMinutes() < 1) {
            throw new IllegalArgumentException("wxqr.login.session-timeout must be at least 1 minute");
        }
    }
}
