package com.wxqr.app.profile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web authorization ({@code wxqr.oauth.*}).
 *
 * @param stateExpiry how long a web-authorization state and the wxqr_oauth cookie binding it to the
 *     browser are accepted (1 minute to 1 hour)
 */
@ConfigurationProperties("wxqr.oauth")
record OAuthProperties(@DefaultValue("10m") Duration stateExpiry) {

    OAuthProperties {
        if (stateExpiry.toSeconds() < 60 || stateExpiry.toMinutes() > 60) {
            throw new IllegalArgumentException("wxqr.oauth.state-expiry must be between 1 minute and 1 hour");
        }
    }
}
