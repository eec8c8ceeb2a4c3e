package com.wxqr.emulator;

import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.calls.CallLog;
import com.wxqr.emulator.http.ControlException;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.http.Json;
import com.wxqr.emulator.http.Router;
import com.wxqr.emulator.jssdk.PageShares;
import com.wxqr.emulator.qrcode.QrCode;
import com.wxqr.emulator.users.Avatars;
import com.wxqr.emulator.users.User;
import com.wxqr.emulator.users.Users;
import java.io.InputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The JSON control API under {@code /emulator/}, the phone page and the avatars. Documented in the module README. */
record ControlApi(Platform platform, OpenHost open, InWeChatBrowser browser) {

    void register(Router r) {
        r.filter("/emulator", new ControlGuard(platform)::check);
        r.get(
                "/emulator",
                ex -> ex.json(
                        200,
                        Json.object()
                                .put("status", "ok")
                                .put("baseUrl", platform.baseUrl().toString())));
        r.post("/emulator/accounts", ex -> ex.json(201, platform.createAccount(newAccount(ex.jsonObject()))));
        r.get(
                "/emulator/accounts",
                ex -> ex.json(
                        200,
                        platform.accounts.all().stream().map(ControlApi::masked).toList()));
        r.get(
                "/emulator/accounts/{appId}",
                ex -> ex.json(200, masked(platform.accounts.require(ex.pathParam("appId")))));
        r.post(
                "/emulator/accounts/{appId}",
                ex -> ex.json(200, platform.reconfigure(ex.pathParam("appId"), newAccount(ex.jsonObject()))));
        r.get(
                "/emulator/accounts/{appId}/menu",
                ex -> ex.json(
                        200, platform.accounts.require(ex.pathParam("appId")).menu()));
        r.post("/emulator/accounts/{appId}/menu", ex -> {
            JsonNode items = ex.jsonObject().get("button");
            if (items == null || !items.isArray()) {
                throw new ControlException(400, "button must be an array of {type, name, key | url}");
            }
            List<MenuItem> menu = new java.util.ArrayList<>();
            for (JsonNode item : items) {
                menu.add(new MenuItem(str(item, "type"), str(item, "name"), str(item, "key"), str(item, "url")));
            }
            ex.json(200, platform.setMenu(ex.pathParam("appId"), menu));
        });
        r.post("/emulator/accounts/{appId}/subscribe-templates", ex -> {
            JsonNode b = ex.jsonObject();
            String appId = platform.accounts.require(ex.pathParam("appId")).appId();
            ex.json(
                    201,
                    platform.subscribeTemplates.add(appId, str(b, "priTmplId"), str(b, "title"), str(b, "content")));
        });
        r.get(
                "/emulator/accounts/{appId}/subscribe-templates",
                ex -> ex.json(
                        200,
                        platform.subscribeTemplates.of(
                                platform.accounts.require(ex.pathParam("appId")).appId())));
        r.post("/emulator/users/{openid}/subscribe-popup", ex -> {
            JsonNode b = ex.jsonObject();
            ex.json(
                    200,
                    platform.subscribePopup(ex.pathParam("openid"), str(b, "templateId"), bool(b, "accept", true)));
        });
        r.post("/emulator/accounts/{appId}/verify", ex -> ex.json(200, platform.verify(ex.pathParam("appId"))));
        r.post("/emulator/accounts/{appId}/restrictions", ex -> {
            JsonNode b = ex.jsonObject();
            JsonNode verified = b.get("verified");
            if (verified != null && !verified.isBoolean()) {
                throw new ControlException(400, "verified must be true or false");
            }
            JsonNode whitelist = b.get("ipWhitelist");
            List<String> ips = null;
            if (whitelist != null && !whitelist.isNull()) {
                if (!whitelist.isArray()) {
                    throw new ControlException(400, "ipWhitelist must be an array of IP addresses, or null for none");
                }
                ips = new java.util.ArrayList<>();
                for (JsonNode ip : whitelist) {
                    ips.add(ip.isString() ? ip.asString() : null);
                }
            }
            platform.restrict(ex.pathParam("appId"), verified == null || verified.booleanValue(), ips);
            ex.json(200, masked(platform.accounts.require(ex.pathParam("appId"))));
        });
        r.post("/emulator/accounts/{appId}/token", ex -> {
            var token = platform.fetchTokenAsAnotherSystem(ex.pathParam("appId"));
            ex.json(
                    200,
                    Json.object()
                            .put("accessToken", token.value())
                            .put("expiresAt", token.expiresAt().toString()));
        });

        r.post("/emulator/users", ex -> {
            JsonNode b = ex.jsonObject();
            ex.json(
                    201,
                    platform.createUser(str(b, "appId", "appid"), str(b, "nickname"), str(b, "headimgurl", "avatar")));
        });
        r.get(
                "/emulator/users",
                ex -> ex.json(
                        200,
                        platform.users.list(param(ex, "appId", "appid")).stream()
                                .map(User::view)
                                .toList()));
        r.get(
                "/emulator/users/{openid}",
                ex -> ex.json(
                        200, platform.users.require(ex.pathParam("openid")).view()));
        r.post("/emulator/users/{openid}/scan", ex -> {
            JsonNode b = ex.jsonObject();
            String image = str(b, "image");
            byte[] bytes = null;
            if (image != null) {
                try {
                    bytes = Base64.getMimeDecoder().decode(image.replaceFirst("^data:[^,]*,", ""));
                } catch (IllegalArgumentException e) {
                    throw new ControlException(400, "image must be Base64 (optionally a data: URL)");
                }
            }
            ex.json(
                    200,
                    platform.scan(
                            ex.pathParam("openid"), str(b, "url"), str(b, "ticket"), bytes, bool(b, "follow", true)));
        });
        r.post("/emulator/users/{openid}/recognize", ex -> {
            JsonNode b = ex.jsonObject();
            ex.json(200, browser.recognize(ex.pathParam("openid"), str(b, "url"), bool(b, "follow", true)));
        });
        r.post(
                "/emulator/users/{openid}/back",
                ex -> ex.json(200, Json.object().put("closed", platform.leaveProfilePage(ex.pathParam("openid")))));
        r.post("/emulator/users/{openid}", ex -> {
            JsonNode b = ex.jsonObject();
            String openid = ex.pathParam("openid");
            EmulatedUser user = platform.users.require(openid).view();
            if (b.has("snapshotPages")) {
                user = platform.snapshotPages(openid, bool(b, "snapshotPages", false));
            }
            if (b.has("nickname") || b.has("newAvatar")) {
                user = platform.changeProfile(openid, str(b, "nickname"), bool(b, "newAvatar", false));
            }
            ex.json(200, user);
        });
        r.post(
                "/emulator/users/{openid}/full-service",
                ex -> ex.json(
                        200, browser.useFullService(ex.pathParam("openid"), bool(ex.jsonObject(), "consent", true))));
        r.post(
                "/emulator/users/{openid}/follow",
                ex -> ex.json(200, platform.follow(ex.pathParam("openid"), str(ex.jsonObject(), "scene"))));
        r.post("/emulator/users/{openid}/menu", ex -> {
            JsonNode b = ex.jsonObject();
            String type = str(b, "type");
            ex.json(
                    200,
                    platform.menu(ex.pathParam("openid"), type, "view".equals(type) ? str(b, "url") : str(b, "key")));
        });
        r.post("/emulator/users/{openid}/unfollow", ex -> ex.json(200, platform.unfollow(ex.pathParam("openid"))));
        r.post(
                "/emulator/users/{openid}/messages",
                ex -> ex.json(200, platform.write(ex.pathParam("openid"), str(ex.jsonObject(), "content"))));
        r.get("/emulator/users/{openid}/chat", ex -> {
            long after = parseLong(param(ex, "after"), 0);
            ex.json(
                    200,
                    platform.users.require(ex.pathParam("openid")).chat().stream()
                            .filter(m -> m.seq() > after)
                            .toList());
        });
        r.post("/emulator/users/{openid}/open", ex -> {
            JsonNode b = ex.jsonObject();
            ex.json(200, browser.open(ex.pathParam("openid"), str(b, "url"), bool(b, "consent", true)));
        });

        r.post("/emulator/users/{openid}/jssdk/config", ex -> {
            JsonNode b = ex.jsonObject();
            JsonNode timestamp = b.get("timestamp");
            long seconds = timestamp == null
                    ? -1
                    : timestamp.isNumber() ? timestamp.longValue() : parseLong(timestamp.asString(), -1);
            String errMsg = platform.jsSdkConfig(
                    ex.pathParam("openid"),
                    str(b, "appId"),
                    str(b, "nonceStr"),
                    seconds,
                    str(b, "signature"),
                    str(b, "url"));
            ex.json(200, Json.object().put("errMsg", errMsg));
        });
        r.post("/emulator/users/{openid}/page-share", ex -> {
            JsonNode b = ex.jsonObject();
            String api = str(b, "api");
            boolean timeline = "updateTimelineShareData".equals(api);
            if (!timeline && !"updateAppMessageShareData".equals(api)) {
                throw new ControlException(400, "api must be updateAppMessageShareData or updateTimelineShareData");
            }
            PageShares.Card card = new PageShares.Card(
                    str(b, "title"), timeline ? null : str(b, "desc"), str(b, "link"), str(b, "imgUrl"));
            boolean ok = platform.pageShares.share(ex.pathParam("openid"), timeline, card);
            ex.json(200, Json.object().put("errMsg", api + (ok ? ":ok" : ":fail, the page's wx.config is not valid")));
        });
        r.get("/emulator/users/{openid}/page-share", ex -> {
            String openid = ex.pathParam("openid");
            platform.users.require(openid);
            PageShares.PageShare page = platform.pageShares.of(openid);
            if (page == null) {
                throw new ControlException(404, "no page of this user has configured the JS-SDK");
            }
            ex.json(200, page);
        });
        r.post(
                "/emulator/users/{openid}/share",
                ex -> ex.json(200, platform.shareToFriend(ex.pathParam("openid"), str(ex.jsonObject(), "to"))));

        r.get("/emulator/qrcodes", ex -> {
            long limit = parseLong(param(ex, "limit"), Long.MAX_VALUE);
            ex.json(
                    200,
                    platform.qrCodes.live(param(ex, "appId", "appid"), platform.now()).stream()
                            .limit(Math.max(0, limit))
                            .map(QrCode::view)
                            .toList());
        });

        r.post(
                "/emulator/faults",
                ex -> ex.json(201, platform.addFault(Json.MAPPER.treeToValue(ex.jsonObject(), FaultSpec.class))));
        r.get("/emulator/faults", ex -> ex.json(200, platform.faults.pending()));
        r.delete("/emulator/faults", ex -> {
            platform.faults.clear();
            ex.json(200, Json.object().put("cleared", true));
        });
        r.get("/emulator/calls", ex -> ex.json(200, platform.calls.list(param(ex, "path"))));
        r.delete("/emulator/calls", ex -> {
            platform.calls.clear();
            ex.json(200, Json.object().put("cleared", true));
        });
        r.get("/emulator/clock", ex -> ex.json(200, clock()));
        r.post("/emulator/clock", ex -> {
            JsonNode b = ex.jsonObject();
            JsonNode s = b.get("advanceSeconds");
            if (s == null || !s.isIntegralNumber() || s.longValue() < 0) {
                throw new ControlException(400, "advanceSeconds must be a non-negative integer");
            }
            platform.clock.advance(Duration.ofSeconds(s.longValue()));
            ex.json(200, clock());
        });

        r.post("/emulator/phone/session", ex -> {
            String session = open.startPhoneSession(str(ex.jsonObject(), "openid"));
            ex.addHeader(
                    "Set-Cookie",
                    OpenHost.SESSION_COOKIE + "=" + session + "; Path=/connect/oauth2; HttpOnly; SameSite=Lax");
            ex.json(200, Json.object().put("ok", true));
        });
        r.get("/phone", ex -> resource(ex, "phone.html", "text/html; charset=utf-8"));
        r.get("/phone/phone.js", ex -> resource(ex, "phone.js", "text/javascript; charset=utf-8"));
        r.get("/jssdk/jweixin-1.6.0.js", ex -> resource(ex, "jweixin.js", "text/javascript; charset=utf-8"));
        r.get("/phone/phone.css", ex -> resource(ex, "phone.css", "text/css; charset=utf-8"));
        r.get("/mmopen/{avatarId}/{size}", ex -> {
            String avatarId = ex.pathParam("avatarId");
            boolean virtual = Users.VIRTUAL_AVATAR_ID.equals(avatarId);
            User user = platform.users.byAvatarId(avatarId);
            int size = (int) parseLong(ex.pathParam("size"), -1);
            if ((user == null && !virtual) || size < 0) {
                ex.text(404, "text/plain; charset=utf-8", "");
                return;
            }
            ex.setHeader("Cache-Control", "max-age=86400");
            ex.respond(200, "image/png", virtual ? Avatars.defaultPng(size) : Avatars.png(avatarId, size));
        });
    }

    private tools.jackson.databind.node.ObjectNode clock() {
        return Json.object()
                .put("now", platform.now().toString())
                .put("offsetSeconds", platform.clock.offset().toSeconds());
    }

    /** The account without its secrets, for listings. */
    static EmulatedAccount masked(Account a) {
        NewAccount s = a.settings();
        return new EmulatedAccount(
                new NewAccount(
                        s.appId(),
                        CallLog.maskValue(s.secret()),
                        CallLog.maskValue(s.token()),
                        CallLog.maskValue(s.encodingAesKey()),
                        s.callbackUrl(),
                        s.mode(),
                        s.originalId(),
                        s.name(),
                        s.oauthDomain()),
                a.verification());
    }

    static NewAccount newAccount(JsonNode b) {
        return new NewAccount(
                str(b, "appId", "appid"),
                str(b, "secret", "appSecret"),
                str(b, "token"),
                str(b, "encodingAesKey"),
                str(b, "callbackUrl"),
                str(b, "mode"),
                str(b, "originalId"),
                str(b, "name"),
                str(b, "oauthDomain"));
    }

    private static String str(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && !v.isNull()) {
                if (!v.isString() && !v.isNumber() && !v.isBoolean()) {
                    throw new ControlException(400, name + " must be a string");
                }
                return v.asString();
            }
        }
        return null;
    }

    private static boolean bool(JsonNode node, String name, boolean fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new ControlException(400, name + " must be true or false");
        }
        return v.booleanValue();
    }

    private static String param(Exchange ex, String... names) {
        for (String name : names) {
            String v = ex.query(name);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    private static long parseLong(String s, long fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ControlException(400, "not a number: " + s);
        }
    }

    private static void resource(Exchange ex, String name, String type) throws Exception {
        try (InputStream in = ControlApi.class.getResourceAsStream("phone/" + name)) {
            if (in == null) {
                ex.text(404, "text/plain; charset=utf-8", "missing resource " + name);
                return;
            }
            ex.setHeader("Cache-Control", "no-cache");
            ex.respond(200, type, in.readAllBytes());
        }
    }
}
