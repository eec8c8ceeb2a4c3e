package com.wxqr.app.profile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The quote owner's WeChat profile ({@code wxqr.profile.*}): how old a profile may be before the
 * owner's next visit inside WeChat refreshes it, and the bounds on copying their avatar image.
 */
@ConfigurationProperties("wxqr.profile")
public record ProfileProperties(
        @DefaultValue("7d") Duration refreshAfter,
        @DefaultValue("524288") int avatarMaxBytes,
        @DefaultValue("5s") Duration avatarTimeout) {

    public ProfileProperties {
        if (refreshAfter.isNegative() || refreshAfter.isZero()) {
            throw new IllegalArgumentException("wxqr.profile.refresh-after must be positive");
        }
        if (avatarMaxBytes < 1024 || avatarMaxBytes > 10 * 1024 * 1024) {
            throw new IllegalArgumentException("wxqr.profile.avatar-max-bytes must be between 1024 and 10485760");
        }
        if (avatarTimeout.isNegative() || avatarTimeout.isZero()) {
            throw new IllegalArgumentException("wxqr.profile.avatar-timeout must be positive");
        }
    }
}
