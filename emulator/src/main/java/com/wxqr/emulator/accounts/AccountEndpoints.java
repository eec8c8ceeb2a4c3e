package com.wxqr.emulator.accounts;

import com.wxqr.emulator.EmulatorSettings;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.http.Json;
import com.wxqr.emulator.http.WeChatError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The account endpoints of the api host: access tokens and quotas (docs/PROTOCOL.md#access-tokens, #quotas). */
public record AccountEndpoints(Accounts accounts, DailyQuotas quotas, EmulatorSettings settings, Clock clock) {

    /** {@code GET /cgi-bin/token}. */
    public void token(Exchange ex) throws Exception {
        if (!"client_credential".equals(ex.query("grant_type"))) {
            throw WeChatError.of(40002);
        }
        Account account = accounts.authenticate(ex.query("appid"), ex.query("secret"));
        account.requireWhitelisted(ex.remoteIp());
        Accounts.IssuedToken token = accounts.issueToken(account);
        ex.json(
                200,
                Json.object().put("access_token", token.value()).put("expires_in", secondsLeft(token.expiresAt())));
    }

    /** {@code POST /cgi-bin/stable_token}. */
    public void stableToken(Exchange ex) throws Exception {
        JsonNode body = ex.wechatJsonObject();
        if (!"client_credential".equals(Json.text(body, "grant_type"))) {
            throw WeChatError.of(40002);
        }
        Account account = accounts.authenticate(Json.text(body, "appid"), Json.text(body, "secret"));
        account.requireWhitelisted(ex.remoteIp());
        JsonNode force = body.get("force_refresh");
        boolean forceRefresh =
                force != null && (force.isBoolean() ? force.booleanValue() : "true".equals(force.asString()));
        Accounts.IssuedToken token = accounts.stableToken(account, forceRefresh);
        ex.json(
                200,
                Json.object().put("access_token", token.value()).put("expires_in", secondsLeft(token.expiresAt())));
    }

    /** {@code GET /cgi-bin/stable_token}: the endpoint takes only POST. */
    public void stableTokenByGet(Exchange ex) throws Exception {
        ex.wechatError(WeChatError.of(43002));
    }

    /** Whole seconds until {@code t}, rounded up (a fresh token says 7200, not 7199). */
    private long secondsLeft(Instant t) {
        return (Duration.between(clock.instant(), t).toMillis() + 999) / 1000;
    }

    /** The daily limits by API path, and the counter each one uses. */
    private Map<String, Map.Entry<String, Integer>> limits() {
        return Map.of(
                "/cgi-bin/token", Map.entry("token", settings.tokenDailyQuota()),
                "/cgi-bin/stable_token", Map.entry("stable_token", settings.stableTokenDailyQuota()),
                "/cgi-bin/qrcode/create", Map.entry("qrcode_create", settings.qrDailyQuota()),
                "/cgi-bin/message/custom/send", Map.entry("custom_send", settings.customSendDailyQuota()),
                "/cgi-bin/user/info", Map.entry("user_info", settings.userInfoDailyQuota()));
    }

    /** {@code POST /cgi-bin/openapi/quota/get}. */
    public void quota(Exchange ex) throws Exception {
        Account account = accounts.requireToken(ex.query("access_token"));
        JsonNode body = ex.wechatJsonObject();
        var limit = limits().get(Json.text(body, "cgi_path"));
        if (limit == null) {
            throw WeChatError.of(76021); // cgi_path not found
        }
        int used = quotas.used(account.appId(), limit.getKey());
        ObjectNode answer = Json.object().put("errcode", 0).put("errmsg", "ok");
        answer.putObject("quota")
                .put("daily_limit", limit.getValue())
                .put("used", used)
                .put("remain", Math.max(0, limit.getValue() - used));
        ex.json(200, answer);
    }

    /** {@code POST /cgi-bin/clear_quota}: resets the account's daily counters, 10 times a month (then 48006). */
    public void clearQuota(Exchange ex) throws Exception {
        Account account = accounts.requireToken(ex.query("access_token"));
        JsonNode body = ex.wechatJsonObject();
        if (!account.appId().equals(Json.text(body, "appid"))) {
            throw WeChatError.of(40013);
        }
        String month = YearMonth.from(clock.instant().atZone(ZoneId.of("Asia/Shanghai")))
                .toString();
        if (!account.countQuotaClear(month)) {
            throw WeChatError.of(48006);
        }
        quotas.clear(account.appId());
        ex.json(200, Json.object().put("errcode", 0).put("errmsg", "ok"));
    }
}
