package com.wxqr.app.share;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The quote page's share card inside WeChat ({@code wxqr.share.*}, docs/PROTOCOL.md#js-sdk).
 *
 * @param jssdkUrl the JS-SDK script the quote page loads inside WeChat; blank: the official
 *     {@code https://res.wx.qq.com/open/js/jweixin-1.6.0.js} (the demo: its emulator's stand-in)
 */
@ConfigurationProperties("wxqr.share")
public record ShareProperties(@DefaultValue("") String jssdkUrl) {
    public ShareProperties {
        jssdkUrl = jssdkUrl == null ? "" : jssdkUrl.strip();
    }
}
