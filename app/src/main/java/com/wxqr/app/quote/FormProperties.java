package com.wxqr.app.quote;

import com.wxqr.app.system.Settings;
import com.wxqr.app.web.RateLimiter;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The quote form ({@code wxqr.form.*}): how many posts one client address may make per window.
 *
 * @param rateLimit posts of the quote form (POST /quotes) one client address may make per window;
 *     the next gets 429 and the form with a sentence
 * @param rateWindow the window of that limit
 */
@ConfigurationProperties("wxqr.form")
public record FormProperties(
        @DefaultValue("20") int rateLimit,
        @DefaultValue("10m") Duration rateWindow) {

    public FormProperties {
        Settings.atLeast("wxqr.form.rate-limit", rateLimit, 1);
        Settings.atLeastOneSecond("wxqr.form.rate-window", rateWindow);
    }

    /** The limit on the form posts of one client address. */
    RateLimiter.Bucket bucket() {
        return new RateLimiter.Bucket("quote-form", rateLimit, rateWindow);
    }
}
