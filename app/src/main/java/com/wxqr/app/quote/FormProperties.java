package com.wxqr.app.quote;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The quote form ({@code wxqr.form.*}): how many posts one client address may make per window. */
@ConfigurationProperties("wxqr.form")
public record FormProperties(
        @DefaultValue("20") int rateLimit,
        @DefaultValue("10m") Duration rateWindow) {

    public FormProperties {
        if (rateLimit < 1) {
            throw new IllegalArgumentException("wxqr.form.rate-limit must be at least 1");
        }
        if (rateWindow.isNegative() || rateWindow.isZero()) {
            throw new IllegalArgumentException("wxqr.form.rate-window must be positive");
        }
    }
}
