package com.wxqr.app.profile;

import com.wxqr.app.system.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The quote owner's WeChat profile ({@code wxqr.profile.*}): how old a profile may be before the
 * owner's next visit inside WeChat refreshes it, and the bounds on copying their avatar image.
 *
 * @param refreshAfter the owner's nickname and avatar are fetched again when they open the quote page
 *     inside WeChat after this age
 * @param avatarMaxBytes largest avatar image copied (1024-10485760)
 * @param avatarTimeout deadline for copying the avatar: connection, headers and body together
 */
@ConfigurationProperties("wxqr.profile")
public record ProfileProperties(
        @DefaultValue("7d") Duration refreshAfter,
        @DefaultValue("524288") int avatarMaxBytes,
        @DefaultValue("5s") Duration avatarTimeout) {

    public ProfileProperties {
        Settings.positive("wxqr.profile.refresh-after", refreshAfter);
        Settings.between("wxqr.profile.avatar-max-bytes", avatarMaxBytes, 1024, 10 * 1024 * 1024);
        Settings.positive("wxqr.profile.avatar-timeout", avatarTimeout);
    }
}
