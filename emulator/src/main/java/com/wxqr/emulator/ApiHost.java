package com.wxqr.emulator;

import com.wxqr.emulator.accounts.AccountEndpoints;
import com.wxqr.emulator.calls.CallLog;
import com.wxqr.emulator.http.Json;
import com.wxqr.emulator.http.Router;
import com.wxqr.emulator.http.WeChatError;
import com.wxqr.emulator.message.CustomerServiceEndpoint;
import com.wxqr.emulator.oauth.WebAuthorizationEndpoints;
import com.wxqr.emulator.qrcode.QrCodeEndpoints;
import com.wxqr.emulator.subscribe.SubscribeEndpoints;
import com.wxqr.emulator.users.UserInfoEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routes of the api host ({@code api.weixin.qq.com}) and the mp host ({@code mp.weixin.qq.com}) to the
 * endpoints beside their features, each call passing through the fault injector and the call log.
 */
final class ApiHost {

    private final Platform platform;

    ApiHost(Platform platform) {
        this.platform = platform;
    }

    void register(Router router) {
        var accounts = new AccountEndpoints(platform.accounts, platform.quotas, platform.settings, platform.clock);
        var qrCodes = new QrCodeEndpoints(
                platform.qrCodes, platform.accounts, platform.quotas, platform.settings, platform.clock);
        var customerService = new CustomerServiceEndpoint(
                platform.accounts, platform.users, platform.quotas, platform.settings, platform.clock);
        var subscriptions =
                new SubscribeEndpoints(platform.accounts, platform.users, platform.subscribeTemplates, platform.clock);
        var userInfo = new UserInfoEndpoint(platform.accounts, platform.users, platform.quotas, platform.settings);
        var webAuthorization = new WebAuthorizationEndpoints(
                platform.oauth, platform.accounts, platform.users, platform.baseUrl() + "/mmopen/");

        router.get("/cgi-bin/token", wechat(accounts::token));
        router.post("/cgi-bin/stable_token", wechat(accounts::stableToken));
        router.get("/cgi-bin/stable_token", wechat(accounts::stableTokenByGet));
        router.post("/cgi-bin/clear_quota", wechat(accounts::clearQuota));
        router.post("/cgi-bin/openapi/quota/get", wechat(accounts::quota));
        router.post("/cgi-bin/qrcode/create", wechat(qrCodes::create));
        router.get("/cgi-bin/showqrcode", wechat(qrCodes::show));
        router.post("/cgi-bin/message/custom/send", wechat(customerService::send));
        router.post("/cgi-bin/message/subscribe/bizsend", wechat(subscriptions::bizsend));
        router.get("/wxaapi/newtmpl/gettemplate", wechat(subscriptions::list));
        router.get("/cgi-bin/user/info", wechat(userInfo::info));
        router.get("/cgi-bin/ticket/getticket", wechat(platform.jsapiTickets::getTicket));
        router.get("/sns/oauth2/access_token", wechat(webAuthorization::accessToken));
        router.get("/sns/oauth2/refresh_token", wechat(webAuthorization::refreshToken));
        router.get("/sns/userinfo", wechat(webAuthorization::userInfo));
        router.get("/sns/auth", wechat(webAuthorization::auth));
    }

    /** Wraps a WeChat endpoint: injected latency, errors and body stalls, then the call is logged. */
    Router.Handler wechat(Router.Handler handler) {
        return ex -> {
            long start = System.nanoTime();
            byte[] requestBody = ex.body();
            Duration latency = platform.faults.latencyFor(ex.path());
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            WeChatError injected = platform.faults.errorFor(ex.path());
            Duration bodyStall = platform.faults.bodyStallFor(ex.path());
            if (bodyStall != null) {
                ex.stallBody(bodyStall);
            }
            ex.beforeSend(() -> {
                String response = ex.responseText();
                Integer errcode = errcodeOf(response);
                String maskedResponse = maskedResponse(ex.path(), response);
                long millis = (System.nanoTime() - start) / 1_000_000;
                platform.calls.add(seq -> new CallRecord(
                        seq,
                        platform.now(),
                        "api",
                        ex.method(),
                        ex.path(),
                        ex.queryParams(),
                        maskedBody(requestBody),
                        ex.status(),
                        errcode,
                        maskedResponse,
                        millis,
                        ex.query("appid"),
                        null));
            });
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
        return body.length == 0 ? null : masked(new String(body, StandardCharsets.UTF_8), List.of("secret"));
    }

    /** The response with access and refresh tokens, and jsapi_tickets, masked. */
    private static String maskedResponse(String path, String response) {
        return masked(
                response,
                "/cgi-bin/ticket/getticket".equals(path)
                        ? List.of("ticket")
                        : List.of("access_token", "refresh_token"));
    }

    /** A JSON object with the values of the named fields masked; any other text as it came. */
    private static String masked(String text, List<String> fields) {
        if (text == null || fields.stream().noneMatch(f -> text.contains("\"" + f + "\""))) {
            return text;
        }
        if (Json.parseOrNull(text) instanceof ObjectNode o) {
            List<String> present = fields.stream().filter(o::has).toList();
            if (!present.isEmpty()) {
                present.forEach(f -> o.put(f, CallLog.maskValue(Json.text(o, f))));
                return Json.write(o);
            }
        }
        return text;
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
}
