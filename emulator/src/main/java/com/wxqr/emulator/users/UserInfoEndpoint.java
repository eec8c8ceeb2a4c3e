package com.wxqr.emulator.users;

import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.EmulatorSettings;
import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.accounts.Accounts;
import com.wxqr.emulator.accounts.DailyQuotas;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.http.Json;
import com.wxqr.emulator.http.WeChatError;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /cgi-bin/user/info} (docs/PROTOCOL.md#user-info): follow state and scene, no profile (nickname and avatar
 * are empty since 2021-12).
 */
public record UserInfoEndpoint(Accounts accounts, Users users, DailyQuotas quotas, EmulatorSettings settings) {

    public void info(Exchange ex) throws Exception {
        Account account = accounts.requireToken(ex.query("access_token"));
        quotas.consume(account.appId(), "user_info", settings.userInfoDailyQuota());
        User user = users.find(ex.query("openid"));
        if (user == null || !user.appId().equals(account.appId())) {
            throw WeChatError.of(40003);
        }
        EmulatedUser u = user.view();
        ObjectNode o = Json.object()
                .put("subscribe", u.following() ? 1 : 0)
                .put("openid", u.openid())
                .put("nickname", "")
                .put("sex", 0)
                .put("language", "zh_CN")
                .put("city", "")
                .put("province", "")
                .put("country", "")
                .put("headimgurl", "");
        if (u.following()) {
            o.put("subscribe_time", user.subscribeTime().getEpochSecond())
                    .put("remark", "")
                    .put("groupid", 0);
            o.set("tagid_list", Json.array());
            o.put("subscribe_scene", u.subscribeScene())
                    .put("qr_scene", u.qrScene())
                    .put("qr_scene_str", u.qrSceneStr());
        } else {
            o.set("tagid_list", Json.array());
        }
        ex.json(200, o);
    }
}
