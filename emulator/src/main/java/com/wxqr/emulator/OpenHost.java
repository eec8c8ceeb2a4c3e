package com.wxqr.emulator;

import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.http.RandomIds;
import com.wxqr.emulator.http.Router;
import com.wxqr.emulator.users.User;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The open host ({@code open.weixin.qq.com}): {@code /connect/oauth2/authorize} with the user's consent
 * (docs/PROTOCOL.md#web-authorization). In a browser the user is the one picked in the phone page (a session cookie);
 * the in-process "open inside WeChat" flow calls {@link #withoutAsking} and {@link #answer} directly.
 */
final class OpenHost {

    /** Cookie naming the phone session; path-scoped to the authorization pages. */
    static final String SESSION_COOKIE = "wxemu_phone";

    /** A validated authorization request. */
    record Request(Account account, String redirectUri, String scope, String state, boolean forcePopup) {

        String granted(String code) {
            return redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code + "&state=" + enc(state);
        }

        String refused() {
            return redirectUri + (redirectUri.contains("?") ? "&" : "?") + "state=" + enc(state);
        }
    }

    /** A request WeChat refuses with its error page (codes of docs/PROTOCOL.md#web-authorization). */
    static final class Refusal extends RuntimeException {
        final int code;

        Refusal(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final Platform platform;
    private final Map<String, String> phoneSessions = new ConcurrentHashMap<>();

    OpenHost(Platform platform) {
        this.platform = platform;
    }

    /** Registers the open host's pages, each wrapped as the API's calls are ({@code wechat}: faults, then the log). */
    void register(Router router, UnaryOperator<Router.Handler> wechat) {
        router.get("/connect/oauth2/authorize", wechat.apply(this::authorize));
        router.post("/connect/oauth2/authorize/confirm", wechat.apply(this::confirm));
    }

    /** Starts a phone session for a user; the cookie value to set. */
    String startPhoneSession(String openid) {
        platform.users.require(openid);
        String id = RandomIds.alnum(32);
        phoneSessions.put(id, openid);
        return id;
    }

    Request validate(Map<String, String> q) {
        String appId = q.get("appid");
        if (appId == null || appId.isEmpty()) {
            throw new Refusal(10012, "appid不能为空");
        }
        Account account = platform.accounts.find(appId);
        if (account == null) {
            throw new Refusal(10016, "appid无效");
        }
        String redirect = q.get("redirect_uri");
        if (redirect == null || redirect.isEmpty()) {
            throw new Refusal(10011, "redirect_uri不能为空");
        }
        URI uri;
        try {
            uri = URI.create(redirect);
        } catch (IllegalArgumentException e) {
            throw new Refusal(10003, "redirect_uri域名与后台配置不一致");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new Refusal(10003, "redirect_uri域名与后台配置不一致");
        }
        String domain = account.settings().oauthDomain();
        if (domain != null && !domain.equalsIgnoreCase(uri.getHost()) && !domain.equalsIgnoreCase(uri.getAuthority())) {
            throw new Refusal(10003, "redirect_uri域名与后台配置不一致");
        }
        if (!"code".equals(q.get("response_type"))) {
            throw new Refusal(10005, "response_type必须为code");
        }
        String scope = q.get("scope");
        if (scope == null || scope.isEmpty()) {
            throw new Refusal(10010, "scope不能为空");
        }
        if (!scope.equals("snsapi_base") && !scope.equals("snsapi_userinfo")) {
            throw new Refusal(10005, "此公众号并没有这些scope的权限");
        }
        String state = q.getOrDefault("state", "");
        if (state.getBytes(StandardCharsets.UTF_8).length > 128) {
            throw new Refusal(10013, "state参数过长");
        }
        return new Request(account, redirect, scope, state, "true".equals(q.get("forcePopup")));
    }

    /** Whether WeChat asks the user before redirecting: {@code snsapi_base} is always silent. */
    boolean needsConsent(Request r, User user) {
        return r.scope().equals("snsapi_userinfo") && (r.forcePopup() || !user.consented(r.scope()));
    }

    /**
     * The redirect WeChat answers without asking for an authorization reached as {@code authorizeUrl}, or null when
     * the user must answer the consent page: at once for {@code snsapi_base} and for scopes consented before; a
     * snapshot page (a virtual openid, no consent asked) for a user with snapshot pages on, unless they tapped
     * 使用完整服务.
     */
    String withoutAsking(Request r, User user, String authorizeUrl) {
        if (!user.appId().equals(r.account().appId())) {
            throw notThisAccount(r);
        }
        if (!needsConsent(r, user)) {
            return r.granted(platform.oauth.issueCode(r.account().appId(), user.openid(), r.scope()));
        }
        if (user.snapshotPages() && !user.takeFullServiceRequest()) {
            user.snapshotShown(authorizeUrl);
            return r.granted(platform.oauth.issueSnapshotCode(
                    r.account().appId(), r.account().openidPrefix(), r.scope()));
        }
        return null;
    }

    /** The redirect after the user answered the consent page. */
    String answer(Request r, User user, boolean consent) {
        if (!user.appId().equals(r.account().appId())) {
            throw notThisAccount(r);
        }
        if (!consent) {
            return r.refused();
        }
        user.consent(r.scope());
        return r.granted(platform.oauth.issueCode(r.account().appId(), user.openid(), r.scope()));
    }

    private static Refusal notThisAccount(Request r) {
        return new Refusal(
                10016,
                "该用户不属于此公众号 (emulator: create a user of account " + r.account().appId() + ")");
    }

    private User phoneUser(Exchange ex) {
        String session = ex.cookie(SESSION_COOKIE);
        String openid = session == null ? null : phoneSessions.get(session);
        return openid == null ? null : platform.users.find(openid);
    }

    private void authorize(Exchange ex) throws Exception {
        Request r;
        try {
            r = validate(ex.queryParams());
        } catch (Refusal e) {
            errorPage(ex, e);
            return;
        }
        User user = phoneUser(ex);
        if (user == null) {
            page(
                    ex,
                    200,
                    "请在微信客户端打开链接",
                    "<div class=\"icon\">!</div><h2>请在微信客户端打开链接</h2>"
                            + "<p class=\"hint\">(模拟器：先在 <a href=\"/phone\">/phone</a> 选择用户，再从聊天中打开链接)</p>");
            return;
        }
        if (!user.appId().equals(r.account().appId())) {
            errorPage(ex, notThisAccount(r));
            return;
        }
        String silent = withoutAsking(r, user, platform.baseUrl() + ex.path() + "?" + ex.rawQuery());
        if (silent != null) {
            ex.redirect(silent);
            return;
        }
        StringBuilder hidden = new StringBuilder();
        for (Map.Entry<String, String> e : ex.queryParams().entrySet()) {
            hidden.append("<input type=\"hidden\" name=\"")
                    .append(html(e.getKey()))
                    .append("\" value=\"")
                    .append(html(e.getValue()))
                    .append("\">");
        }
        User.Profile who = user.profile();
        page(
                ex,
                200,
                "微信授权",
                "<div class=\"account\">" + html(r.account().settings().name()) + "</div>"
                        + "<p>申请获得以下权限</p><ul><li>获得你的公开信息（昵称、头像等）</li></ul>"
                        + "<p class=\"who\">" + "<img src=\"" + html(who.headimgurl()) + "\" alt=\"\">"
                        + html(who.nickname()) + "</p>"
                        + "<form method=\"post\" action=\"/connect/oauth2/authorize/confirm\">" + hidden
                        + "<button id=\"wx-allow\" name=\"decision\" value=\"allow\" class=\"primary\">允许</button>"
                        + "<button id=\"wx-deny\" name=\"decision\" value=\"deny\">拒绝</button></form>");
    }

    private void confirm(Exchange ex) throws Exception {
        Map<String, String> form = Exchange.parseQuery(ex.bodyText());
        Request r;
        try {
            r = validate(form);
            User user = phoneUser(ex);
            if (user == null) {
                page(ex, 200, "请在微信客户端打开链接", "<h2>请在微信客户端打开链接</h2>");
                return;
            }
            ex.redirect(answer(r, user, "allow".equals(form.get("decision"))));
        } catch (Refusal e) {
            errorPage(ex, e);
        }
    }

    private static void errorPage(Exchange ex, Refusal e) throws Exception {
        page(
                ex,
                200,
                "微信授权",
                "<h2>Oops! Something went wrong:(</h2><p class=\"code\">" + e.code + "</p><p>" + html(e.getMessage())
                        + "</p>");
    }

    private static void page(Exchange ex, int status, String title, String content) throws Exception {
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + html(title)
                + "</title>"
                + "<style>body{font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;background:#f7f7f7;margin:0;padding:32px 20px;text-align:center;color:#191919}"
                + ".account{font-size:20px;font-weight:600;margin:16px 0}ul{list-style:none;padding:0;color:#555}"
                + ".who img{width:32px;height:32px;border-radius:4px;vertical-align:middle;margin-right:8px}"
                + "button{display:block;width:100%;max-width:320px;margin:12px auto;padding:12px;border:0;border-radius:8px;font-size:17px;background:#e9e9e9}"
                + "button.primary{background:#07c160;color:#fff}.code{font-size:28px;color:#888}.hint{color:#999;font-size:13px}"
                + ".icon{font-size:48px;color:#10aeff}</style></head><body>" + content + "</body></html>";
        ex.text(status, "text/html; charset=utf-8", html);
    }

    static String html(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
