package com.wxqr.app.wechat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the app waits on WeChat ({@code wxqr.wechat.call-timeout}) and on another instance's
 * access-token fetch ({@code wxqr.wechat.token-lock-timeout}).
 */
@ConfigurationProperties("wxqr.wechat")
public record WeChatTimeouts(
        @DefaultValue("10s") Duration callTimeout,
        @DefaultValue("2s") Duration tokenLockTimeout) {

    public WeChatTimeouts {
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("wxqr.wechat.call-timeout must be a positive duration");
        }
        if (tokenLockTimeout == null || tokenLockTimeout.isNegative() || tokenLockTimeout.isZero()) {
            throw new IllegalArgumentException("wxqr.wechat.token-lock-timeout must be a positive duration");
        }
    }
}
