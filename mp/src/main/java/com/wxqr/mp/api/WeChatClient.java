package com.wxqr.mp.api;

import static com.wxqr.mp.api.ApiTransport.JSON;
import static com.wxqr.mp.api.ApiTransport.encode;
import static com.wxqr.mp.api.ApiTransport.requiredText;
import static com.wxqr.mp.api.ApiTransport.text;

import com.wxqr.mp.Article;
import com.wxqr.mp.api.ApiTransport.Request;
import com.wxqr.mp.token.AccessToken;
import com.wxqr.mp.token.AccessTokenManager;
import com.wxqr.mp.token.AccessTokenStore;
import com.wxqr.mp.token.ForceRefreshBudget;
import com.wxqr.mp.token.InMemoryAccessTokenStore;
import com.wxqr.mp.token.InMemoryForceRefreshBudget;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client of one Official Account's HTTP API. Thread-safe; build one per account and share it.
 *
 * <p>Calls that need the basic access_token get it from an {@link AccessTokenManager}: cached,
 * fetched once however many threads ask, renewed ahead of expiry by a daemon thread. When WeChat
 * rejects the token (40001, 40014, 42001) the client invalidates that token only and repeats the call
 * once with a new one; a second rejection reaches the caller. Busy answers (-1) are retried with
 * exponential backoff and jitter (3 attempts by default; the code exchange excepted, since a code
 * works once). Quota errors (45009, 45011) are never retried.
 *
 * <p>Every call blocks until WeChat's whole answer has arrived or the call timeout (default 10 s,
 * retries included) passes, and reports failures as a {@link WeChatException}: either
 * {@link WeChatApiException} (WeChat said no) or {@link WeChatTransportException} (no usable
 * answer); {@link IllegalArgumentException} means the caller's input is invalid and nothing was
 * sent. An {@link EventListener} set on the builder sees every call start and end. The AppSecret
 * and tokens never appear in messages or logs; logs name API paths only.
 *
 * <p>{@link #close()} stops the token renewal thread.
 */
public final class WeChatClient implements AutoCloseable {

    public static final URI DEFAULT_API_BASE_URL = URI.create("https://api.weixin.qq.com");
    public static final URI DEFAULT_MP_BASE_URL = URI.create("https://mp.weixin.qq.com");
    public static final URI DEFAULT_OPEN_BASE_URL = URI.create("https://open.weixin.qq.com");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(WeChatClient.class);
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9]{1,128}");

    private final String appId;
    private final String appSecret;
    private final String apiBase;
    private final String mpBase;
    private final String openBase;
    private final Clock clock;
    private final boolean stableToken;
    private final ForceRefreshBudget forceRefreshBudget;
    private final ApiTransport transport;
    private final AccessTokenManager tokens;
    private final AccessTokenManager jsapiTickets;

    private WeChatClient(Builder b) {
        this.appId = requireText(b.appId, "appId");
        this.appSecret = requireText(b.appSecret, "appSecret");
        this.apiBase = base(b.apiBaseUrl, "apiBaseUrl");
        this.mpBase = base(b.mpBaseUrl, "mpBaseUrl");
        this.openBase = base(b.openBaseUrl, "openBaseUrl");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.stableToken = b.stableToken;
        this.forceRefreshBudget =
                b.forceRefreshBudget != null ? b.forceRefreshBudget : new InMemoryForceRefreshBudget();
        this.transport = new ApiTransport(apiBase, appSecret, b);
        AccessTokenStore store =
                b.tokenStore != null ? b.tokenStore : new InMemoryAccessTokenStore(clock, b.refreshMargin);
        Duration tokenWait =
                b.tokenWaitTimeout != null ? positive(b.tokenWaitTimeout, "tokenWaitTimeout") : transport.callTimeout();
        Objects.requireNonNull(b.tokenFailureBackoff, "tokenFailureBackoff");
        if (b.tokenFailureBackoff.isNegative()) {
            throw new IllegalArgumentException("tokenFailureBackoff must not be negative: " + b.tokenFailureBackoff);
        }
        this.tokens = new AccessTokenManager(
                appId,
                store,
                this::fetchAccessToken,
                clock,
                b.refreshMargin,
                b.refreshAhead,
                tokenWait,
                b.tokenFailureBackoff);
        // The jsapi_ticket lives in the same store under a key of its own, so it gets the token's
        // single flight and cluster-wide sharing (docs/PROTOCOL.md#js-sdk-tickets); renewed on demand.
        this.jsapiTickets = new AccessTokenManager(
                jsapiTicketKey(appId),
                store,
                this::fetchJsapiTicket,
                clock,
                b.refreshMargin,
                false,
                tokenWait,
                b.tokenFailureBackoff);
    }

    /**
     * The key under which the jsapi_ticket of {@code appId} is kept in an {@link AccessTokenStore}
     * (next to the access_token, which is kept under the appid itself).
     */
    public static String jsapiTicketKey(String appId) {
        return appId + ":jsapi_ticket";
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A basic access_token with more than the refresh margin left, fetched if needed (once, however
     * many threads ask; see {@link AccessTokenManager}).
     *
     * @throws WeChatApiException if WeChat refuses to issue one (e.g. 40125 for a wrong AppSecret),
     *     also when another caller's fetch failed so within the token failure back-off
     * @throws WeChatTransportException if WeChat cannot be reached, another caller's fetch did not end
     *     within the token wait timeout, or the token store failed
     */
    public AccessToken accessToken() {
        return ApiTransport.token(tokens);
    }

    /**
     * The JS-SDK's jsapi_ticket ({@code GET /cgi-bin/ticket/getticket?type=jsapi}), with more than the
     * refresh margin left: cached and shared through the token store exactly like the access_token
     * (one fetch per expiry across every user of the store). The call itself carries the
     * access_token, renewed and repeated once if WeChat rejects it (40001). Sign a page's
     * {@code wx.config} with it through {@link com.wxqr.mp.crypto.JsApiSignature}.
     *
     * @throws WeChatApiException if WeChat refuses (e.g. 45009 over the daily limit)
     * @throws WeChatTransportException as for {@link #accessToken()}
     */
    public AccessToken jsapiTicket() {
        return ApiTransport.token(jsapiTickets);
    }

    /**
     * Creates a parametric QR code ({@code POST /cgi-bin/qrcode/create}).
     *
     * @return the ticket; {@code expiresAt} is null for a permanent code
     */
    public QrTicket createQrCode(QrRequest request) {
        Objects.requireNonNull(request, "request");
        ObjectNode body = JSON.createObjectNode();
        if (!request.isPermanent()) {
            body.put("expire_seconds", request.expireSeconds());
        }
        body.put("action_name", request.actionName());
        ObjectNode scene = body.putObject("action_info").putObject("scene");
        if (request.sceneStr() != null) {
            scene.put("scene_str", request.sceneStr());
        } else {
            scene.put("scene_id", request.sceneId());
        }
        String path = "/cgi-bin/qrcode/create";
        Instant requestedAt = clock.instant();
        return transport.withToken(tokens, Request.post(path, body), answer -> {
            String ticket = requiredText(answer, "ticket", path);
            Instant expiresAt = null;
            if (!request.isPermanent()) {
                long granted = answer.path("expire_seconds").asLong(0);
                expiresAt = requestedAt.plusSeconds(granted > 0 ? granted : request.expireSeconds());
            }
            return new QrTicket(ticket, expiresAt, text(answer, "url"));
        });
    }

    /**
     * The URL of the QR image for {@code ticket}: {@code <mpBaseUrl>/cgi-bin/showqrcode?ticket=<url-encoded>}.
     * Needs no token; safe to show to users.
     */
    public URI showQrCodeUrl(String ticket) {
        requireText(ticket, "ticket");
        return URI.create(mpBase + "/cgi-bin/showqrcode?ticket=" + encode(ticket));
    }

    /**
     * Sends a text customer-service message ({@code POST /cgi-bin/message/custom/send}).
     *
     * @throws OutsideWindowException if the user has not interacted recently enough (45015, 45047)
     */
    public void sendText(String openid, String content) {
        requireText(openid, "openid");
        if (content == null || content.isEmpty()) {
            throw new IllegalArgumentException("content must not be empty");
        }
        ObjectNode body = customMessage(openid, "text");
        body.putObject("text").put("content", content);
        transport.withToken(tokens, Request.post("/cgi-bin/message/custom/send", body), answer -> null);
    }

    /**
     * Sends a news customer-service message with one article (WeChat allows only one since 2018).
     * An empty description or picture URL is left out of the request.
     *
     * @throws OutsideWindowException if the user has not interacted recently enough (45015, 45047)
     */
    public void sendNews(String openid, Article article) {
        requireText(openid, "openid");
        Objects.requireNonNull(article, "article");
        ObjectNode body = customMessage(openid, "news");
        ObjectNode item = body.putObject("news").putArray("articles").addObject();
        item.put("title", article.title());
        putIfPresent(item, "description", article.description());
        item.put("url", article.url());
        putIfPresent(item, "picurl", article.picUrl());
        transport.withToken(tokens, Request.post("/cgi-bin/message/custom/send", body), answer -> null);
    }

    /**
     * Sends a subscription notification ({@code POST /cgi-bin/message/subscribe/bizsend},
     * docs/PROTOCOL.md#subscription-notifications): the template's {@code data} keys with their values and, unless
     * null, the web page the notification opens. Returns WeChat's {@code msgid} as text.
     *
     * @throws WeChatApiException 43101 when the user has no subscription left, 47003 for a bad value, 40037 for an
     *     unknown template
     */
    public String sendSubscribeNotification(String openid, String templateId, String page, Map<String, String> data) {
        requireText(openid, "openid");
        requireText(templateId, "templateId");
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("data must name the template's keys");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("touser", openid);
        body.put("template_id", templateId);
        putIfPresent(body, "page", page);
        ObjectNode values = body.putObject("data");
        data.forEach((key, value) -> values.putObject(key).put("value", value));
        return transport.withToken(
                tokens,
                Request.post("/cgi-bin/message/subscribe/bizsend", body),
                answer -> answer.path("msgid").asString(""));
    }

    /** Describes a user of the account ({@code GET /cgi-bin/user/info}, lang zh_CN). */
    public UserInfo userInfo(String openid) {
        requireText(openid, "openid");
        Map<String, String> query = query("openid", openid, "lang", "zh_CN");
        return transport.withToken(tokens, Request.get("/cgi-bin/user/info", query), n -> userInfo(n, openid));
    }

    private static UserInfo userInfo(JsonNode n, String openid) {
        long subscribeTime = n.path("subscribe_time").asLong(0);
        return new UserInfo(
                n.path("subscribe").asInt(0) == 1,
                text(n, "openid") != null ? text(n, "openid") : openid,
                text(n, "nickname"),
                text(n, "headimgurl"),
                subscribeTime > 0 ? Instant.ofEpochSecond(subscribeTime) : null,
                text(n, "subscribe_scene"),
                n.path("qr_scene").asLong(0),
                text(n, "qr_scene_str"),
                text(n, "unionid"));
    }

    /**
     * The page to send a user to (inside WeChat) to start web authorization:
     * {@code <openBaseUrl>/connect/oauth2/authorize?appid=..&redirect_uri=<url-encoded>&response_type=code&scope=..&state=..#wechat_redirect}.
     *
     * @param redirectUri absolute http(s) URL WeChat sends the user back to with {@code code} and {@code state}
     * @param state null (left out) or 1..128 characters of a-zA-Z0-9
     * @throws IllegalArgumentException for a relative or non-http(s) redirectUri or an invalid state
     */
    public URI authorizeUrl(URI redirectUri, OAuthScope scope, String state) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(scope, "scope");
        String scheme = redirectUri.getScheme();
        if (!redirectUri.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("redirectUri must be an absolute http(s) URL: " + redirectUri);
        }
        if (state != null && !STATE.matcher(state).matches()) {
            throw new IllegalArgumentException("state must be 1..128 characters of a-zA-Z0-9");
        }
        return URI.create(openBase + "/connect/oauth2/authorize?appid=" + encode(appId)
                + "&redirect_uri=" + encode(redirectUri.toString())
                + "&response_type=code&scope=" + scope.wireName()
                + (state != null ? "&state=" + state : "")
                + "#wechat_redirect");
    }

    /**
     * Exchanges the {@code code} WeChat appended to the redirect for the user's web-authorization token
     * ({@code GET /sns/oauth2/access_token}). Not retried on -1: a code works once.
     *
     * @throws WeChatApiException e.g. 40029 (invalid code), 40163 (code already used)
     */
    public OAuthToken exchangeCode(String code) {
        requireText(code, "code");
        Map<String, String> query =
                query("appid", appId, "secret", appSecret, "code", code, "grant_type", "authorization_code");
        String path = "/sns/oauth2/access_token";
        Instant requestedAt = clock.instant();
        return transport.call(Request.get(path, query), false, n -> oauthToken(n, path, requestedAt), code);
    }

    /**
     * Renews a web-authorization token ({@code GET /sns/oauth2/refresh_token}).
     *
     * @throws WeChatApiException e.g. 40030 (invalid refresh_token), 42002 (refresh_token expired)
     */
    public OAuthToken refreshOAuthToken(String refreshToken) {
        requireText(refreshToken, "refreshToken");
        Map<String, String> query = query("appid", appId, "grant_type", "refresh_token", "refresh_token", refreshToken);
        String path = "/sns/oauth2/refresh_token";
        Instant requestedAt = clock.instant();
        return transport.call(Request.get(path, query), true, n -> oauthToken(n, path, requestedAt), refreshToken);
    }

    /**
     * The profile of the user who granted {@code token} ({@code GET /sns/userinfo}, lang zh_CN). Needs a
     * {@link OAuthScope#USERINFO} authorization. A rejected token surfaces as {@link InvalidTokenException}
     * without retry: it is the user's token, not the account's.
     *
     * @throws WeChatApiException e.g. 48001 for a {@code snsapi_base} token or a snapshot-page user
     */
    public WebUserProfile webUserInfo(OAuthToken token) {
        Objects.requireNonNull(token, "token");
        requireText(token.accessToken(), "token.accessToken");
        requireText(token.openid(), "token.openid");
        Map<String, String> query =
                query("access_token", token.accessToken(), "openid", token.openid(), "lang", "zh_CN");
        String path = "/sns/userinfo";
        return transport.call(
                Request.get(path, query),
                true,
                n -> new WebUserProfile(
                        text(n, "openid") != null ? text(n, "openid") : token.openid(),
                        text(n, "nickname"),
                        text(n, "headimgurl"),
                        text(n, "unionid")),
                token.accessToken());
    }

    /** Stops the token renewal thread. The client still answers calls afterwards, fetching tokens on demand. */
    @Override
    public void close() {
        tokens.close();
        jsapiTickets.close();
    }

    @Override
    public String toString() {
        return "WeChatClient[appId=" + appId + ", apiBaseUrl=" + apiBase + ", stableToken=" + stableToken + "]";
    }

    /**
     * A new token from {@code /cgi-bin/token}, or from {@code /cgi-bin/stable_token} in stable mode
     * (docs/PROTOCOL.md#stable-access-tokens). There a normal call comes first; only when it hands
     * back the very token WeChat just refused (40001, 40014, 42001) is a refresh forced, and only if
     * the {@link ForceRefreshBudget} allows one (20 a day, 30 s apart). Without budget the refused
     * token is returned: the call repeated with it fails as it would have anyway.
     */
    private AccessToken fetchAccessToken() {
        if (!stableToken) {
            return fetchToken(Request.get(
                    "/cgi-bin/token", query("grant_type", "client_credential", "appid", appId, "secret", appSecret)));
        }
        AccessToken token = fetchToken(stableTokenRequest(false));
        AccessToken refused = tokens.rejected();
        if (refused == null || !refused.value().equals(token.value())) {
            return token;
        }
        if (!forceRefreshBudget.tryTake(appId, clock.instant())) {
            log.warn(
                    "WeChat refused the stable access token of app {}, stable_token still hands it out, and the "
                            + "forced-refresh budget ({} a day, {} s apart) allows none now: keeping it",
                    appId,
                    ForceRefreshBudget.DAILY_LIMIT,
                    ForceRefreshBudget.MIN_INTERVAL.toSeconds());
            return token;
        }
        log.warn(
                "WeChat refused the stable access token of app {} that stable_token still hands out: "
                        + "forcing a refresh",
                appId);
        return fetchToken(stableTokenRequest(true));
    }

    private Request stableTokenRequest(boolean forceRefresh) {
        ObjectNode body = JSON.createObjectNode();
        body.put("grant_type", "client_credential");
        body.put("appid", appId);
        body.put("secret", appSecret);
        body.put("force_refresh", forceRefresh);
        return Request.post("/cgi-bin/stable_token", body);
    }

    private AccessToken fetchToken(Request request) {
        String path = request.path();
        Instant requestedAt = clock.instant();
        return transport.call(request, true, answer -> {
            AccessToken token = expiring(answer, "access_token", path, requestedAt);
            log.info("Fetched an access token for app {} from {}, valid until {}", appId, path, token.expiresAt());
            return token;
        });
    }

    private AccessToken fetchJsapiTicket() {
        String path = "/cgi-bin/ticket/getticket";
        Instant requestedAt = clock.instant();
        return transport.withToken(tokens, Request.get(path, query("type", "jsapi")), answer -> {
            AccessToken ticket = expiring(answer, "ticket", path, requestedAt);
            log.info("Fetched a new jsapi_ticket for app {}, valid until {}", appId, ticket.expiresAt());
            return ticket;
        });
    }

    /**
     * The credential in {@code field} of a token or ticket answer, expiring {@code expires_in}
     * seconds after {@code requestedAt}.
     */
    private static AccessToken expiring(JsonNode answer, String field, String path, Instant requestedAt) {
        String value = requiredText(answer, field, path);
        long expiresIn = answer.path("expires_in").asLong(0);
        if (expiresIn <= 0) {
            throw new WeChatTransportException(path + " answered without a positive expires_in");
        }
        return new AccessToken(value, requestedAt.plusSeconds(expiresIn));
    }

    private OAuthToken oauthToken(JsonNode n, String path, Instant requestedAt) {
        String accessToken = requiredText(n, "access_token", path);
        String openid = requiredText(n, "openid", path);
        long expiresIn = n.path("expires_in").asLong(0);
        return new OAuthToken(
                accessToken,
                requestedAt.plusSeconds(Math.max(expiresIn, 0)),
                text(n, "refresh_token"),
                openid,
                text(n, "scope"),
                text(n, "unionid"),
                n.path("is_snapshotuser").asInt(0) == 1);
    }

    private static ObjectNode customMessage(String openid, String msgtype) {
        ObjectNode body = JSON.createObjectNode();
        body.put("touser", openid);
        body.put("msgtype", msgtype);
        return body;
    }

    /** The query parameters in the order given, as name, value, name, value … */
    private static Map<String, String> query(String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    private static String base(URI uri, String name) {
        Objects.requireNonNull(uri, name);
        String scheme = uri.getScheme();
        if (!uri.isAbsolute()
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL without query: " + uri);
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /**
     * Configuration of a {@link WeChatClient}; not thread-safe. Only {@code appId} and
     * {@code appSecret} are required: every other setting has the default its setter names. Setters
     * only record; {@link #build()} checks everything at once and fails with an
     * {@link IllegalArgumentException} naming the first bad setting, never a secret's value. Durations
     * must be positive unless their setter says otherwise.
     */
    public static final class Builder {
        private String appId;
        private String appSecret;
        private URI apiBaseUrl = DEFAULT_API_BASE_URL;
        private URI mpBaseUrl = DEFAULT_MP_BASE_URL;
        private URI openBaseUrl = DEFAULT_OPEN_BASE_URL;
        private AccessTokenStore tokenStore;
        private Clock clock = Clock.systemUTC();
        private boolean stableToken;
        private ForceRefreshBudget forceRefreshBudget;
        private Duration refreshMargin = AccessToken.DEFAULT_REFRESH_MARGIN;
        private boolean refreshAhead = true;
        private Duration tokenWaitTimeout;
        private Duration tokenFailureBackoff = AccessTokenManager.DEFAULT_FAILURE_BACKOFF;
        // The HTTP settings, read and checked by the ApiTransport constructor.
        HttpClient httpClient;
        Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        int maxConcurrentRequests = 64;
        int busyAttempts = 3;
        Duration busyBaseDelay = Duration.ofMillis(200);
        Duration busyMaxDelay = Duration.ofSeconds(2);
        BusyRetry.Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
        EventListener eventListener = EventListener.NONE;

        private Builder() {}

        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        public Builder appSecret(String appSecret) {
            this.appSecret = appSecret;
            return this;
        }

        /** Default {@link #DEFAULT_API_BASE_URL}; the emulator's URL in tests, as for the two hosts below. */
        public Builder apiBaseUrl(URI apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
            return this;
        }

        /** The host of {@code showqrcode}; default {@link #DEFAULT_MP_BASE_URL}. */
        public Builder mpBaseUrl(URI mpBaseUrl) {
            this.mpBaseUrl = mpBaseUrl;
            return this;
        }

        /** The host of the web-authorization page; default {@link #DEFAULT_OPEN_BASE_URL}. */
        public Builder openBaseUrl(URI openBaseUrl) {
            this.openBaseUrl = openBaseUrl;
            return this;
        }

        /**
         * Default a new {@link InMemoryAccessTokenStore} on this builder's clock and refresh margin.
         * Instances sharing one store (e.g. a database-backed one) fetch one token between them.
         */
        public Builder tokenStore(AccessTokenStore tokenStore) {
            this.tokenStore = tokenStore;
            return this;
        }

        /** Time for token and QR ticket expiry; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Fetch tokens with {@code POST /cgi-bin/stable_token} instead of {@code GET /cgi-bin/token};
         * default false. A stable token is kept apart from the classic ones, so another system on the
         * AppID fetching {@code /cgi-bin/token} does not invalidate it. A refresh is forced only when
         * WeChat refused the token and stable_token hands the same one back, within the
         * {@link #forceRefreshBudget}.
         */
        public Builder stableToken(boolean stableToken) {
            this.stableToken = stableToken;
            return this;
        }

        /**
         * Where forced refreshes of the stable token are counted; default a new
         * {@link InMemoryForceRefreshBudget}. Clients sharing a token store should share a budget.
         */
        public Builder forceRefreshBudget(ForceRefreshBudget forceRefreshBudget) {
            this.forceRefreshBudget = forceRefreshBudget;
            return this;
        }

        /**
         * Default an HTTP/1.1 client with the {@link #connectTimeout}. A client given here keeps its
         * own connect timeout; the call timeout applies all the same.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Default {@link #DEFAULT_CONNECT_TIMEOUT}. Connecting counts against the call timeout too. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * One call from start to end, default {@link #DEFAULT_CALL_TIMEOUT}: waiting for a connection
         * slot, connecting, the whole answer, the client's retries and the pauses between them, and a
         * token fetch inside the call. When it passes the exchange is aborted and the call fails with
         * a {@link WeChatTransportException}.
         */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        /**
         * The most HTTP exchanges (connections) at once; further callers wait for one within their
         * call timeout. Default 64.
         */
        public Builder maxConcurrentRequests(int maxConcurrentRequests) {
            this.maxConcurrentRequests = maxConcurrentRequests;
            return this;
        }

        /** A token with less than this left is renewed before use; default 5 minutes. */
        public Builder refreshMargin(Duration refreshMargin) {
            this.refreshMargin = refreshMargin;
            return this;
        }

        /**
         * How long a caller needing a token waits for the one fetch already running (there is never
         * more than one per client) before failing with a {@link WeChatTransportException}; default
         * the call timeout.
         */
        public Builder tokenWaitTimeout(Duration tokenWaitTimeout) {
            this.tokenWaitTimeout = tokenWaitTimeout;
            return this;
        }

        /**
         * How long a failed token fetch is remembered and handed to callers at once instead of each
         * fetching again; default 2 seconds, zero turns it off.
         */
        public Builder tokenFailureBackoff(Duration tokenFailureBackoff) {
            this.tokenFailureBackoff = tokenFailureBackoff;
            return this;
        }

        /** Whether a daemon thread renews the token before it goes stale; default true. */
        public Builder refreshAhead(boolean refreshAhead) {
            this.refreshAhead = refreshAhead;
            return this;
        }

        /**
         * Calls answered with -1 get at most {@code maxAttempts} attempts in all, the n-th wait being
         * about {@code baseDelay × 2^(n-1)} (half of it random), capped at 10 × baseDelay. Default 3
         * attempts, 200 ms.
         */
        public Builder busyRetry(int maxAttempts, Duration baseDelay) {
            this.busyAttempts = maxAttempts;
            this.busyBaseDelay = Objects.requireNonNull(baseDelay, "baseDelay");
            this.busyMaxDelay = baseDelay.multipliedBy(10);
            return this;
        }

        /** Told when each call starts and how it ends, e.g. for metrics; default {@link EventListener#NONE}. */
        public Builder eventListener(EventListener eventListener) {
            this.eventListener = eventListener;
            return this;
        }

        Builder sleeper(BusyRetry.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The token renewal thread starts later, with the first token. */
        public WeChatClient build() {
            return new WeChatClient(this);
        }
    }
}
