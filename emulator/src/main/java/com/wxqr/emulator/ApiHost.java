package com.wxqr.emulator;

import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.accounts.Accounts;
import com.wxqr.emulator.calls.CallLog;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.http.Json;
import com.wxqr.emulator.http.Router;
import com.wxqr.emulator.http.WeChatError;
import com.wxqr.emulator.oauth.WebAuthorization;
import com.wxqr.emulator.qrcode.QrCode;
import com.wxqr.emulator.qrcode.QrImages;
import com.wxqr.emulator.users.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The api host ({@code api.weixin.qq.com}) and the mp host ({@code mp.weixin.qq.com}) endpoints, each call
 * passing through the fault injector and the call log.
 */
final class ApiHost {

    private static final List<String> ACTIONS = List.of("QR_SCENE", "QR_STR_SCENE", "QR_LIMIT_SCENE", "QR_LIMIT_STR_SCENE");

    private final Platform p;

    ApiHost(Platform platform) {
        this.p = platform;
    }

    void register(Router router) {
        router.get("/cgi-bin/token", wechat(this::token));
        router.post("/cgi-bin/stable_token", wechat(this::stableToken));
        router.get("/cgi-bin/stable_token", wechat(ex -> {
            throw WeChatError.of(43002);
        }));
        router.post("/cgi-bin/qrcode/create", wechat(this::createQrCode));
        router.get("/cgi-bin/showqrcode", wechat(this::showQrCode));
        router.post("/cgi-bin/message/custom/send", wechat(this::customSend));
        router.get("/cgi-bin/user/info", wechat(this::userInfo));
        router.post("/cgi-bin/clear_quota", wechat(this::clearQuota));
        router.post("/cgi-bin/openapi/quota/get", wechat(this::quota));
        router.get("/sns/oauth2/access_token", wechat(this::snsAccessToken));
        router.get("/sns/oauth2/refresh_token", wechat(this::snsRefreshToken));
        router.get("/sns/userinfo", wechat(this::snsUserInfo));
        router.get("/sns/auth", wechat(this::snsAuth));
    }

    /** Wraps a WeChat endpoint: injected latency and errors first, then the call is logged. */
    Router.Handler wechat(Router.Handler handler) {
        return ex -> {
            long start = System.nanoTime();
            byte[] requestBody = ex.body();
            Duration latency = p.faults.latencyFor(ex.path());
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            WeChatError injected = p.faults.errorFor(ex.path());
            ex.beforeSend(() -> p.calls.add(p.now(), "api", ex.method(), ex.path(), ex.queryParams(),
                    maskedBody(requestBody), ex.status(), errcodeOf(ex.responseText()), maskedResponse(ex.responseText()),
                    (System.nanoTime() - start) / 1_000_000, ex.query("appid"), null));
            try {
                if (injected != null) {
                    ex.wechatError(injected);
                } else {
                    handler.handle(ex);
                }
            } catch (WeChatError e) {
                ex.wechatError(e);
            }
        };
    }

    private static String maskedBody(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode node = Json.parseOrNull(text);
        if (node instanceof ObjectNode o && o.has("secret")) {
            o.put("secret", CallLog.maskValue(Json.text(o, "secret")));
            return Json.write(o);
        }
        return text;
    }

    /** The response with access and refresh tokens masked. */
    private static String maskedResponse(String response) {
        if (response == null || !response.contains("_token\"")) {
            return response;
        }
        JsonNode node = Json.parseOrNull(response);
        if (node instanceof ObjectNode o) {
            for (String field : List.of("access_token", "refresh_token")) {
                if (o.has(field)) {
                    o.put(field, CallLog.maskValue(Json.text(o, field)));
                }
            }
            return Json.write(o);
        }
        return response;
    }

    private static Integer errcodeOf(String response) {
        if (response == null || !response.startsWith("{")) {
            return null;
        }
        JsonNode node = Json.parseOrNull(response);
        if (node == null) {
            return null;
        }
        JsonNode code = node.get("errcode");
        return code != null && code.isIntegralNumber() ? code.intValue() : 0;
    }

    // ---- access tokens (spec §3)

    private void token(Exchange ex) throws Exception {
        if (!"client_credential".equals(ex.query("grant_type"))) {
            throw WeChatError.of(40002);
        }
        Account account = p.accounts.authenticate(ex.query("appid"), ex.query("secret"));
        Accounts.IssuedToken token = p.accounts.issueToken(account);
        ex.json(200, Json.object().put("access_token", token.value())
                .put("expires_in", secondsLeft(token.expiresAt())));
    }

    private void stableToken(Exchange ex) throws Exception {
        JsonNode body = requireJsonBody(ex);
        if (!"client_credential".equals(Json.text(body, "grant_type"))) {
            throw WeChatError.of(40002);
        }
        Account account = p.accounts.authenticate(Json.text(body, "appid"), Json.text(body, "secret"));
        JsonNode force = body.get("force_refresh");
        boolean forceRefresh = force != null && (force.isBoolean() ? force.booleanValue() : "true".equals(force.asString()));
        Accounts.IssuedToken token = p.accounts.stableToken(account, forceRefresh);
        ex.json(200, Json.object().put("access_token", token.value())
                .put("expires_in", secondsLeft(token.expiresAt())));
    }

    /** Whole seconds until {@code t}, rounded up (a fresh token says 7200, not 7199). */
    private long secondsLeft(Instant t) {
        return (Duration.between(p.now(), t).toMillis() + 999) / 1000;
    }

    /** A JSON object body: 44002 when empty, 47001 when not JSON. */
    private static JsonNode requireJsonBody(Exchange ex) throws Exception {
        String text = ex.bodyText();
        if (text.isBlank()) {
            throw WeChatError.of(44002);
        }
        JsonNode node = Json.parseOrNull(text);
        if (node == null || !node.isObject()) {
            throw WeChatError.of(47001);
        }
        return node;
    }

    // ---- quotas (spec §9)

    /** The daily limits by API path, and the counter each one uses. */
    private Map<String, Map.Entry<String, Integer>> limits() {
        return Map.of(
                "/cgi-bin/token", Map.entry("token", p.settings.tokenDailyQuota()),
                "/cgi-bin/stable_token", Map.entry("stable_token", p.settings.stableTokenDailyQuota()),
                "/cgi-bin/qrcode/create", Map.entry("qrcode_create", p.settings.qrDailyQuota()),
                "/cgi-bin/message/custom/send", Map.entry("custom_send", p.settings.customSendDailyQuota()),
                "/cgi-bin/user/info", Map.entry("user_info", p.settings.userInfoDailyQuota()));
    }

    private void quota(Exchange ex) throws Exception {
        Account account = p.accounts.requireToken(ex.query("access_token"));
        JsonNode body = requireJsonBody(ex);
        var limit = limits().get(Json.text(body, "cgi_path"));
        if (limit == null) {
            throw WeChatError.of(76021); // cgi_path not found
        }
        int used = p.quotas.used(account.appId(), limit.getKey());
        ObjectNode answer = Json.object().put("errcode", 0).put("errmsg", "ok");
        answer.putObject("quota").put("daily_limit", limit.getValue()).put("used", used)
                .put("remain", Math.max(0, limit.getValue() - used));
        ex.json(200, answer);
    }

    /** {@code clear_quota}: resets the account's daily counters, 10 times a month (then 48006). */
    private void clearQuota(Exchange ex) throws Exception {
        Account account = p.accounts.requireToken(ex.query("access_token"));
        JsonNode body = requireJsonBody(ex);
        if (!account.appId().equals(Json.text(body, "appid"))) {
            throw WeChatError.of(40013);
        }
        String month = java.time.YearMonth.from(p.now().atZone(java.time.ZoneId.of("Asia/Shanghai"))).toString();
        if (!account.countQuotaClear(month)) {
            throw WeChatError.of(48006);
        }
        p.quotas.clear(account.appId());
        ex.json(200, Json.object().put("errcode", 0).put("errmsg", "ok"));
    }

    // ---- QR codes (spec §4)

    private void createQrCode(Exchange ex) throws Exception {
        Account account = p.accounts.requireToken(ex.query("access_token"));
        String text = ex.bodyText();
        if (text.isBlank()) {
            throw WeChatError.of(44002);
        }
        JsonNode body = Json.parseOrNull(text);
        if (body == null || !body.isObject()) {
            throw WeChatError.of(40052); // malformed JSON is answered as a bad action name
        }
        String action = Json.text(body, "action_name");
        if (action == null || !ACTIONS.contains(action)) {
            throw WeChatError.of(40052);
        }
        JsonNode info = body.get("action_info");
        if (info == null || !info.isObject()) {
            throw WeChatError.of(40053);
        }
        boolean numeric = action.equals("QR_SCENE") || action.equals("QR_LIMIT_SCENE");
        boolean permanent = action.startsWith("QR_LIMIT_");
        JsonNode scene = info.get("scene");
        String sceneValue;
        if (scene == null && numeric) {
            sceneValue = "0"; // observed quirk: without the scene wrapper the code carries scene 0
        } else if (scene == null || !scene.isObject()) {
            throw WeChatError.of(40053);
        } else if (numeric) {
            sceneValue = Long.toString(sceneId(scene.get("scene_id"), permanent));
        } else {
            JsonNode s = scene.get("scene_str");
            if (s == null || !s.isString() || s.stringValue().isEmpty() || s.stringValue().length() > 64) {
                throw WeChatError.of(40053);
            }
            sceneValue = s.stringValue();
        }
        Instant now = p.now();
        Instant expiresAt = null;
        long expireSeconds = 0;
        if (permanent) {
            if (p.qrCodes.permanentCount(account.appId()) >= p.settings.permanentQrLimit()) {
                throw WeChatError.of(40053);
            }
        } else {
            expireSeconds = expireSeconds(body.get("expire_seconds"));
            expiresAt = now.plusSeconds(expireSeconds);
        }
        p.quotas.consume(account.appId(), "qrcode_create", p.settings.qrDailyQuota());
        QrCode code = p.qrCodes.issue(account.appId(), action, sceneValue, numeric, now, expiresAt);
        ObjectNode answer = Json.object().put("ticket", code.ticket());
        if (!permanent) {
            answer.put("expire_seconds", expireSeconds);
        } else if (p.settings.permanentQrExpireSecondsZero()) {
            answer.put("expire_seconds", 0);
        }
        answer.put("url", code.url());
        ex.json(200, answer);
    }

    private long sceneId(JsonNode id, boolean permanent) {
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            throw WeChatError.of(40053);
        }
        long v = id.longValue();
        boolean ok;
        if (permanent) {
            ok = v >= 1 && v <= 100_000;
        } else if (p.settings.tempSceneIdUnsigned()) {
            ok = v >= 1 && v <= 0xFFFF_FFFFL;
        } else {
            ok = v != 0 && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
        }
        if (!ok) {
            throw WeChatError.of(40053);
        }
        return v;
    }

    private long expireSeconds(JsonNode node) {
        if (node == null || node.isNull()) {
            return p.settings.qrDefaultExpireSeconds();
        }
        long v;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            v = node.longValue();
        } else if (node.isString() && node.stringValue().matches("\\d{1,12}")) {
            v = Long.parseLong(node.stringValue());
        } else {
            throw WeChatError.of(40053);
        }
        if (v <= 0) {
            return p.settings.qrDefaultExpireSeconds();
        }
        if (v > p.settings.qrMaxExpireSeconds()) {
            if (!p.settings.qrClampExpiry()) {
                throw WeChatError.of(40053);
            }
            return p.settings.qrMaxExpireSeconds();
        }
        return v;
    }

    private void showQrCode(Exchange ex) throws Exception {
        QrCode code = p.qrCodes.byTicket(ex.query("ticket"));
        if (code == null || code.expiredAt(p.now())) {
            ex.text(404, "text/plain; charset=utf-8", "");
            return;
        }
        ex.setHeader("Cache-Control", "max-age=604800");
        ex.respond(200, "image/png", QrImages.png(code.url(), 430));
    }

    // ---- customer-service messages (spec §7)

    private void customSend(Exchange ex) throws Exception {
        Account account = p.accounts.requireToken(ex.query("access_token"));
        JsonNode body = requireJsonBody(ex);
        p.quotas.consume(account.appId(), "custom_send", p.settings.customSendDailyQuota());
        User user = p.users.find(Json.text(body, "touser"));
        if (user == null || !user.appId().equals(account.appId())) {
            throw WeChatError.of(40003);
        }
        String msgtype = Json.text(body, "msgtype");
        if ("text".equals(msgtype)) {
            String content = Json.text(body.path("text"), "content");
            if (content == null || content.isEmpty()) {
                throw WeChatError.of(40035);
            }
            user.takeCustomerServiceSlot(p.now(), p.settings);
            user.addToChat(p.now(), "account", "customer_service", "text", content, null);
        } else if ("news".equals(msgtype)) {
            JsonNode articles = body.path("news").get("articles");
            if (articles == null || !articles.isArray()) {
                throw WeChatError.of(45162);
            }
            if (articles.isEmpty()) {
                throw WeChatError.of(40035);
            }
            if (articles.size() > p.settings.maxCustomNewsArticles()) {
                throw WeChatError.of(45008);
            }
            List<NewsArticle> cards = new java.util.ArrayList<>();
            for (JsonNode a : articles) {
                String url = Json.text(a, "url");
                if (!a.isObject() || url == null || url.isBlank()) {
                    throw WeChatError.of(40035);
                }
                cards.add(new NewsArticle(nonNull(Json.text(a, "title")), nonNull(Json.text(a, "description")), url,
                        nonNull(Json.text(a, "picurl"))));
            }
            user.takeCustomerServiceSlot(p.now(), p.settings);
            user.addToChat(p.now(), "account", "customer_service", "news", null, cards);
        } else {
            throw WeChatError.of(40008);
        }
        ex.json(200, Json.object().put("errcode", 0).put("errmsg", "ok"));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    // ---- user information (spec §8.1)

    private void userInfo(Exchange ex) throws Exception {
        Account account = p.accounts.requireToken(ex.query("access_token"));
        p.quotas.consume(account.appId(), "user_info", p.settings.userInfoDailyQuota());
        User user = p.users.find(ex.query("openid"));
        if (user == null || !user.appId().equals(account.appId())) {
            throw WeChatError.of(40003);
        }
        EmulatedUser u = user.view();
        ObjectNode o = Json.object().put("subscribe", u.following() ? 1 : 0).put("openid", u.openid())
                .put("nickname", "").put("sex", 0).put("language", "zh_CN").put("city", "").put("province", "")
                .put("country", "").put("headimgurl", "");
        if (u.following()) {
            o.put("subscribe_time", user.subscribeTime().getEpochSecond()).put("remark", "").put("groupid", 0);
            o.set("tagid_list", Json.array());
            o.put("subscribe_scene", u.subscribeScene()).put("qr_scene", u.qrScene()).put("qr_scene_str", u.qrSceneStr());
        } else {
            o.set("tagid_list", Json.array());
        }
        ex.json(200, o);
    }

    // ---- web authorization (spec §8.2)

    private void snsAccessToken(Exchange ex) throws Exception {
        if (ex.query("appid") == null || ex.query("appid").isEmpty()) {
            throw WeChatError.of(41002);
        }
        if (!"authorization_code".equals(ex.query("grant_type"))) {
            throw WeChatError.of(40002);
        }
        Account account = p.accounts.authenticate(ex.query("appid"), ex.query("secret"));
        String code = ex.query("code");
        if (code == null || code.isEmpty()) {
            throw WeChatError.of(41008);
        }
        ex.json(200, webToken(p.oauth.exchange(account.appId(), code)));
    }

    private void snsRefreshToken(Exchange ex) throws Exception {
        String appId = ex.query("appid");
        if (appId == null || appId.isEmpty()) {
            throw WeChatError.of(41002);
        }
        if (p.accounts.find(appId) == null) {
            throw WeChatError.of(40013);
        }
        if (!"refresh_token".equals(ex.query("grant_type"))) {
            throw WeChatError.of(40002);
        }
        ex.json(200, webToken(p.oauth.refresh(appId, ex.query("refresh_token"))));
    }

    private static ObjectNode webToken(WebAuthorization.WebToken t) {
        return Json.object().put("access_token", t.accessToken()).put("expires_in", t.expiresIn())
                .put("refresh_token", t.refreshToken()).put("openid", t.grant().openid()).put("scope", t.grant().scope());
    }

    private void snsUserInfo(Exchange ex) throws Exception {
        WebAuthorization.Grant grant = p.oauth.requireAccessToken(ex.query("access_token"));
        if (!grant.openid().equals(ex.query("openid"))) {
            throw WeChatError.of(40003);
        }
        if (!grant.scope().contains("snsapi_userinfo")) {
            throw WeChatError.of(48001);
        }
        User user = p.users.require(grant.openid());
        ObjectNode o = Json.object().put("openid", user.openid()).put("nickname", user.nickname()).put("sex", 0)
                .put("language", "").put("city", "").put("province", "").put("country", "")
                .put("headimgurl", user.headimgurl());
        o.set("privilege", Json.array());
        ex.json(200, o);
    }

    private void snsAuth(Exchange ex) throws Exception {
        WebAuthorization.Grant grant = p.oauth.requireAccessToken(ex.query("access_token"));
        if (!grant.openid().equals(ex.query("openid"))) {
            throw WeChatError.of(40003);
        }
        ex.json(200, Json.object().put("errcode", 0).put("errmsg", "ok"));
    }
}
