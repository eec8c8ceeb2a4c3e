package com.wxqr.app.wechat;

import java.net.URI;
import java.time.Duration;

/**
 * The account this app serves, as in effect: the configured {@link WeChatProperties}, or in demo
 * mode the demo account on the in-process emulator. {@code messageMode} is {@code plain},
 * {@code compatible} or {@code safe}, as in WeChat's console. {@link #toString()} masks the secrets.
 */
public record WeChatAccount(String appId, String appSecret, String token, String encodingAesKey,
        String previousEncodingAesKey, URI apiUrl, URI mpUrl, URI openUrl, Duration signatureMaxAge,
        String messageMode) {

    @Override
    public String toString() {
        return "WeChatAccount[appId=" + appId + ", appSecret=" + WeChatProperties.mask(appSecret) + ", token="
                + WeChatProperties.mask(token) + ", encodingAesKey=" + WeChatProperties.mask(encodingAesKey)
                + ", apiUrl=" + apiUrl + ", mpUrl=" + mpUrl + ", openUrl=" + openUrl + ", messageMode=" + messageMode + "]";
    }
}
