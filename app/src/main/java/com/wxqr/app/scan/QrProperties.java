package com.wxqr.app.scan;

import com.wxqr.app.system.Settings;
import com.wxqr.app.web.RateLimiter;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Temporary QR codes ({@code wxqr.qr.*}): how long a code is valid, how many new codes one
 * client address may create per window, so a bot cannot drain the account's daily quota, and how
 * long the PC page waits for a scan before it hints that a new visitor must tap 关注公众号 (a
 * non-follower's scan only opens the account's profile page; nothing reaches us until they follow).
 *
 * @param expiry lifetime of a temporary QR code (at most 30 days)
 * @param rateLimit new QR codes (quote and login codes alike) one client address may create per window
 * @param rateWindow the window of that rate limit
 * @param followHintAfter how long the PC page waits for a scan before hinting that a new visitor must
 *     tap 关注公众号
 */
@ConfigurationProperties("wxqr.qr")
public record QrProperties(
        @DefaultValue("30m") Duration expiry,
        @DefaultValue("20") int rateLimit,
        @DefaultValue("10m") Duration rateWindow,
        @DefaultValue("15s") Duration followHintAfter) {

    public QrProperties {
        if (expiry.toSeconds() < 1) {
            throw new IllegalArgumentException("wxqr.qr.expiry must be at least 1 second");
        }
        if (expiry.toSeconds() > 2_592_000) {
            throw new IllegalArgumentException(
                    "wxqr.qr.expiry must be at most 30 days (WeChat's limit for temporary codes)");
        }
        Settings.atLeast("wxqr.qr.rate-limit", rateLimit, 1);
        Settings.atLeastOneSecond("wxqr.qr.rate-window", rateWindow);
        Settings.notNegative("wxqr.qr.follow-hint-after", followHintAfter);
    }

    /** The limit on the codes one client address creates (quote and login codes alike). */
    RateLimiter.Bucket bucket() {
        return new RateLimiter.Bucket("qr-code", rateLimit, rateWindow);
    }
}
