package com.wxqr.emulator;

import com.wxqr.mp.api.WeChatClient;

/** The project's own {@code mp} client pointed at an emulator. */
public final class WeChatClients {
    private WeChatClients() {}

    /**
     * A {@link WeChatClient} builder for the account {@code appId} with {@code appSecret}, whose api, mp and open hosts
     * are all {@code wx}'s {@link WeChatEmulator#baseUrl()}; the rest (token store, clock…) is the caller's to set.
     */
    public static WeChatClient.Builder against(WeChatEmulator wx, String appId, String appSecret) {
        return WeChatClient.builder()
                .appId(appId)
                .appSecret(appSecret)
                .apiBaseUrl(wx.baseUrl())
                .mpBaseUrl(wx.baseUrl())
                .openBaseUrl(wx.baseUrl());
    }
}
