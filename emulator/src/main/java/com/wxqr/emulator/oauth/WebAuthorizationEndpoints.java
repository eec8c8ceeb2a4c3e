package com.wxqr.emulator.oauth;

import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.accounts.Accounts;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.http.Json;
import com.wxqr.emulator.http.WeChatError;
import com.wxqr.emulator.users.User;
import com.wxqr.emulator.users.Users;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web-authorization endpoints of the api host under {@code /sns/} (docs/PROTOCOL.md#web-authorization).
 *
 * @param avatarBaseUrl base of the emulator-served avatars, e.g. {@code http://localhost:1234/mmopen/}
 */
public record WebAuthorizationEndpoints(WebAuthorization oauth, Accounts accounts, Users users, String avatarBaseUrl) {

    /** {@code GET /sns/oauth2/access_token}: exchanges a code once. */
    public void accessToken(Exchange ex) throws Exception {
        if (ex.query("appid") == null || ex.query("appid").isEmpty()) {
            throw WeChatError.of(41002);
        }
        if (!"authorization_code".equals(ex.query("grant_type"))) {
            throw WeChatError.of(40002);
        }
        Account account = accounts.authenticate(ex.query("appid"), ex.query("secret"));
        account.requireVerified(); // web authorization needs a verified service account
        String code = ex.query("code");
        if (code == null || code.isEmpty()) {
            throw WeChatError.of(41008);
        }
        ex.json(200, webToken(oauth.exchange(account.appId(), code)));
    }

    /** {@code GET /sns/oauth2/refresh_token}. */
    public void refreshToken(Exchange ex) throws Exception {
        String appId = ex.query("appid");
        if (appId == null || appId.isEmpty()) {
            throw WeChatError.of(41002);
        }
        if (accounts.find(appId) == null) {
            throw WeChatError.of(40013);
        }
        if (!"refresh_token".equals(ex.query("grant_type"))) {
            throw WeChatError.of(40002);
        }
        ex.json(200, webToken(oauth.refresh(appId, ex.query("refresh_token"))));
    }

    private static ObjectNode webToken(WebAuthorization.WebToken t) {
        ObjectNode o = Json.object()
                .put("access_token", t.accessToken())
                .put("expires_in", t.expiresIn())
                .put("refresh_token", t.refreshToken())
                .put("openid", t.grant().openid())
                .put("scope", t.grant().scope());
        if (t.grant().snapshot()) {
            o.put("is_snapshotuser", 1); // the field appears only for snapshot users
        }
        return o;
    }

    /**
     * {@code GET /sns/userinfo}: the profile, for a token of scope {@code snsapi_userinfo} only (else 48001); a
     * snapshot grant gets the virtual profile (微信用户 and the grey default avatar).
     */
    public void userInfo(Exchange ex) throws Exception {
        WebAuthorization.Grant grant = oauth.requireAccessToken(ex.query("access_token"));
        if (!grant.openid().equals(ex.query("openid"))) {
            throw WeChatError.of(40003);
        }
        if (!grant.scope().contains("snsapi_userinfo")) {
            throw WeChatError.of(48001);
        }
        String nickname;
        String headimgurl;
        if (grant.snapshot()) {
            nickname = Users.VIRTUAL_NICKNAME;
            headimgurl = avatarBaseUrl + Users.VIRTUAL_AVATAR_ID + "/132";
        } else {
            User.Profile profile = users.require(grant.openid()).profile();
            nickname = profile.nickname();
            headimgurl = profile.headimgurl();
        }
        ObjectNode o = Json.object()
                .put("openid", grant.openid())
                .put("nickname", nickname)
                .put("sex", 0)
                .put("language", "")
                .put("city", "")
                .put("province", "")
                .put("country", "")
                .put("headimgurl", headimgurl);
        o.set("privilege", Json.array());
        ex.json(200, o);
    }

    /** {@code GET /sns/auth}: whether a web access token is valid for the openid. */
    public void auth(Exchange ex) throws Exception {
        WebAuthorization.Grant grant = oauth.requireAccessToken(ex.query("access_token"));
        if (!grant.openid().equals(ex.query("openid"))) {
            throw WeChatError.of(40003);
        }
        ex.json(200, Json.object().put("errcode", 0).put("errmsg", "ok"));
    }
}
