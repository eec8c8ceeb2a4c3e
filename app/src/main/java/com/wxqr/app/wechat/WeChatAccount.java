package com.wxqr.app.wechat;

import com.wxqr.mp.callback.MessageMode;
import java.net.URI;
import java.time.Duration;

/**
 * The account this app serves, as in effect: the configured {@link WeChatProperties}, or in demo
 * mode the demo account on the in-process emulator, with the message mode set in WeChat's console.
 * {@link #toString()} masks the secrets.
 */
public record WeChatAccount(
        String appId,
        String appSecret,
        String token,
        String encodingAesKey,
        String previousEncodingAesKey,
        URI apiUrl,
        URI mpUrl,
        URI openUrl,
        Duration signatureMaxAge,
        MessageMode messageMode) {

    @Override
    public String toString() {
        return "WeChatAccount[appId=" + appId + ", appSecret=" + WeChatProperties.mask(appSecret) + ", token="
                + WeChatProperties.mask(token) + ", encodingAesKey=" + WeChatProperties.mask(encodingAesKey)
                + ", apiUrl=" + apiUrl + ", mpUrl=" + mpUrl + ", openUrl=" + openUrl + ", messageMode=" + messageMode
                + "]";
    }
}
