package com.wxqr.emulator.wxjava;

import com.wxqr.emulator.WeChatEmulator;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;

/** WxJava pointed at an emulator, as {@code WeChatClients} points the project's own client. */
public final class WxJavaConfigs {
    private WxJavaConfigs() {}

    /**
     * A WxJava configuration for the account {@code appId} with {@code secret}, whose api, mp and open hosts are all
     * {@code wx}'s {@link WeChatEmulator#baseUrl()}; the rest (token, AES key…) is the caller's to set.
     */
    public static WxMpDefaultConfigImpl against(WeChatEmulator wx, String appId, String secret) {
        WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
        config.setAppId(appId);
        config.setSecret(secret);
        WxMpHostConfig hosts = new WxMpHostConfig();
        hosts.setApiHost(wx.baseUrl().toString());
        hosts.setMpHost(wx.baseUrl().toString());
        hosts.setOpenHost(wx.baseUrl().toString());
        config.setHostConfig(hosts);
        return config;
    }
}
