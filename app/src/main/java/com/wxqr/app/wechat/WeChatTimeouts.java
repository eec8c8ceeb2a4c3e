package com.wxqr.app.wechat;

import com.wxqr.app.system.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the app waits on WeChat ({@code wxqr.wechat.call-timeout}) and on another instance's
 * access-token fetch ({@code wxqr.wechat.token-lock-timeout}).
 *
 * @param callTimeout longest wait for one WeChat API call; also the longest an access-token fetch may
 *     hold the token row's lock
 * @param tokenLockTimeout longest wait for the token row while another instance fetches the token;
 *     then the call fails with a clear error
 */
@ConfigurationProperties("wxqr.wechat")
public record WeChatTimeouts(
        @DefaultValue("10s") Duration callTimeout,
        @DefaultValue("2s") Duration tokenLockTimeout) {

    public WeChatTimeouts {
        Settings.positive("wxqr.wechat.call-timeout", callTimeout);
        Settings.positive("wxqr.wechat.token-lock-timeout", tokenLockTimeout);
    }
}
