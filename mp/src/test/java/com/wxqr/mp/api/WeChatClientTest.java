package com.wxqr.mp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.mp.Article;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WeChatClientTest {

    static final String APP_ID = "wx1234567890abcdef";
    static final String SECRET = "APPSECRET-0123456789abcdef0123456789";
    static final String TOKEN = "ACCESS-TOKEN-76_sR1aXyZ0123456789abcdefghij";
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final MockWeChat wechat = new MockWeChat();

    private final MockWebServer server = wechat.server;
    private final WeChatClient client = wechat.client;

    static WeChatClient.Builder clientFor(URI base) {
        return WeChatClient.builder()
                .appId(APP_ID)
                .appSecret(SECRET)
                .apiBaseUrl(base)
                .mpBaseUrl(base)
                .openBaseUrl(base)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .refreshAhead(false)
                .callTimeout(Duration.ofSeconds(5))
                .sleeper(duration -> {});
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder()
                .addHeader("Content-Type", "application/json; encoding=utf-8")
                .body(body)
                .build();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    /** The next request the server received, which must be {@code method} to {@code path}. */
    private RecordedRequest take(String method, String path) throws InterruptedException {
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo(method);
        assertThat(request.getUrl().encodedPath()).isEqualTo(path);
        return request;
    }

    private RecordedRequest takeTokenFetch() throws InterruptedException {
        RecordedRequest request = take("GET", "/cgi-bin/token");
        assertThat(request.getUrl().queryParameter("grant_type")).isEqualTo("client_credential");
        assertThat(request.getUrl().queryParameter("appid")).isEqualTo(APP_ID);
        assertThat(request.getUrl().queryParameter("secret")).isEqualTo(SECRET);
        return request;
    }

    private static JsonNode body(RecordedRequest request) {
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        return JSON.readTree(request.getBody().utf8());
    }

    // --- access token ---

    @Test
    void fetchesTheTokenWithGetAndCachesIt() throws Exception {
        wechat.enqueueToken();

        assertThat(client.accessToken().value()).isEqualTo(TOKEN);
        assertThat(client.accessToken().expiresAt()).isEqualTo(NOW.plusSeconds(7200));
        takeTokenFetch();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void stableTokenModePostsTheCredentialsAsJson() throws Exception {
        try (WeChatClient stable =
                clientFor(server.url("/").uri()).stableToken(true).build()) {
            server.enqueue(json("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":300}"));

            assertThat(stable.accessToken().expiresAt()).isEqualTo(NOW.plusSeconds(300));

            RecordedRequest request = take("POST", "/cgi-bin/stable_token");
            assertThat(request.getUrl().query()).isNull();
            JsonNode body = body(request);
            assertThat(body.get("grant_type").asString()).isEqualTo("client_credential");
            assertThat(body.get("appid").asString()).isEqualTo(APP_ID);
            assertThat(body.get("secret").asString()).isEqualTo(SECRET);
            assertThat(body.get("force_refresh").isBoolean()).isTrue();
            assertThat(body.get("force_refresh").asBoolean()).isFalse();
            assertThat(body.size()).isEqualTo(4);
        }
    }

    @Test
    void aTokenAnswerWithoutATokenIsATransportFailure() {
        server.enqueue(json("{\"expires_in\":7200}"));

        assertThatThrownBy(client::accessToken)
                .isInstanceOf(WeChatTransportException.class)
                .hasMessageContaining("access_token");
    }

    @Test
    void aRefusedTokenFetchSaysWhyWithoutTheSecret() throws Exception {
        server.enqueue(json("{\"errcode\":40125,\"errmsg\":\"invalid appsecret " + SECRET
                + ", rid: 6125a48e-4bc55df9-6a1d6b57\"}"));

        assertThatThrownBy(client::accessToken)
                .isExactlyInstanceOf(WeChatApiException.class)
                .satisfies(e -> {
                    WeChatApiException api = (WeChatApiException) e;
                    assertThat(api.errcode()).isEqualTo(40125);
                    assertThat(api.meaning()).isEqualTo("无效的appsecret");
                    assertThat(api.errmsg()).startsWith("invalid appsecret").doesNotContain(SECRET);
                    assertThat(api.getMessage())
                            .contains("/cgi-bin/token", "40125")
                            .doesNotContain(SECRET);
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    // --- QR codes ---

    static Stream<Arguments> qrRequests() {
        return Stream.of(
                Arguments.of(
                        QrRequest.temporary(123L, Duration.ofDays(7)),
                        "{\"expire_seconds\":604800,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":123}}}"),
                Arguments.of(
                        QrRequest.temporary(4_294_967_295L, Duration.ofSeconds(60)),
                        "{\"expire_seconds\":60,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":4294967295}}}"),
                Arguments.of(
                        QrRequest.temporary("quote-42", Duration.ofMinutes(10)),
                        "{\"expire_seconds\":600,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"quote-42\"}}}"),
                Arguments.of(
                        QrRequest.permanent(100_000),
                        "{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":100000}}}"),
                Arguments.of(
                        QrRequest.permanent("报价-7"),
                        "{\"action_name\":\"QR_LIMIT_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"报价-7\"}}}"));
    }

    @ParameterizedTest
    @MethodSource("qrRequests")
    void createsEachKindOfQrCodeWithTheDocumentedBody(QrRequest request, String expectedBody) throws Exception {
        wechat.enqueueToken(json(
                "{\"ticket\":\"gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==\","
                        + "\"expire_seconds\":"
                        + request.expiry().map(Duration::getSeconds).orElse(0L)
                        + ",\"url\":\"http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI\"}"));

        QrTicket ticket = client.createQrCode(request);

        assertThat(ticket.ticket()).startsWith("gQH47joAAAA").endsWith("==");
        assertThat(ticket.url()).isEqualTo("http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI");
        assertThat(ticket.expiresAt()).isEqualTo(request.expiry().map(NOW::plus).orElse(null));
        takeTokenFetch();
        RecordedRequest call = take("POST", "/cgi-bin/qrcode/create");
        assertThat(call.getUrl().queryParameter("access_token")).isEqualTo(TOKEN);
        assertThat(body(call)).isEqualTo(JSON.readTree(expectedBody));
    }

    @Test
    void aTemporaryTicketExpiresWhenWeChatSaysEvenIfShorterThanAsked() {
        wechat.enqueueToken(json("{\"ticket\":\"T\",\"expire_seconds\":60,\"url\":\"http://weixin.qq.com/q/x\"}"));

        assertThat(client.createQrCode(QrRequest.temporary(5L, Duration.ofDays(1)))
                        .expiresAt())
                .isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void invalidQrRequestsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client.createQrCode(QrRequest.permanent(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scene_id");
        assertThatThrownBy(() -> client.createQrCode(null)).isInstanceOf(NullPointerException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void showQrCodeUrlEncodesTheTicket() {
        assertThat(client.showQrCodeUrl("gQH4+7/jo==").toString())
                .isEqualTo(server.url("/cgi-bin/showqrcode").toString() + "?ticket=gQH4%2B7%2Fjo%3D%3D");
        assertThat(WeChatClient.builder()
                        .appId(APP_ID)
                        .appSecret(SECRET)
                        .build()
                        .showQrCodeUrl("a b")
                        .toString())
                .isEqualTo("https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=a+b");
    }

    // --- customer-service messages ---

    @Test
    void sendsATextMessage() throws Exception {
        wechat.enqueueToken(json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        client.sendText("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "您的报价已生成 ]]> \"quoted\"");

        takeTokenFetch();
        RecordedRequest call = take("POST", "/cgi-bin/message/custom/send");
        assertThat(call.getUrl().queryParameter("access_token")).isEqualTo(TOKEN);
        JsonNode body = body(call);
        assertThat(body.get("touser").asString()).isEqualTo("o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
        assertThat(body.get("msgtype").asString()).isEqualTo("text");
        assertThat(body.get("text").get("content").asString()).isEqualTo("您的报价已生成 ]]> \"quoted\"");
        assertThat(body.size()).isEqualTo(3);
    }

    @Test
    void sendsANewsMessageWithOneArticle() throws Exception {
        wechat.enqueueToken(json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        client.sendNews(
                "OPENID", new Article("报价 Q-42", "三台设备", "https://shop.example/p.png", "https://shop.example/q/42"));

        takeTokenFetch();
        JsonNode body = body(take());
        assertThat(body.get("touser").asString()).isEqualTo("OPENID");
        assertThat(body.get("msgtype").asString()).isEqualTo("news");
        JsonNode articles = body.get("news").get("articles");
        assertThat(articles.size()).isEqualTo(1);
        assertThat(articles.get(0))
                .isEqualTo(JSON.readTree("{\"title\":\"报价 Q-42\",\"description\":\"三台设备\","
                        + "\"url\":\"https://shop.example/q/42\",\"picurl\":\"https://shop.example/p.png\"}"));
    }

    @Test
    void aNewsArticleWithoutOptionalFieldsLeavesThemOut() throws Exception {
        wechat.enqueueToken(json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        client.sendNews("OPENID", new Article("title", null, null, "https://shop.example/q/1"));

        takeTokenFetch();
        assertThat(body(take()).get("news").get("articles").get(0))
                .isEqualTo(JSON.readTree("{\"title\":\"title\",\"url\":\"https://shop.example/q/1\"}"));
    }

    @Test
    void messagesWithoutRecipientOrContentAreRefused() {
        assertThatThrownBy(() -> client.sendText(" ", "hi"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openid");
        assertThatThrownBy(() -> client.sendText("OPENID", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("content");
        assertThatThrownBy(() -> client.sendNews("OPENID", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("article");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void outsideTheWindowIsItsOwnError() {
        wechat.enqueueToken(
                json(
                        "{\"errcode\":45015,\"errmsg\":\"response out of time limit or subscription is canceled rid: 6125a48e-4bc55df9-6a1d6b57\"}"),
                json("{\"errcode\":45047,\"errmsg\":\"out of response count limit\"}"));

        assertThatThrownBy(() -> client.sendText("OPENID", "hi"))
                .isInstanceOf(OutsideWindowException.class)
                .satisfies(e -> assertThat(((WeChatApiException) e).meaning()).isEqualTo("回复时间超过限制"));
        assertThatThrownBy(() -> client.sendText("OPENID", "hi"))
                .isInstanceOf(OutsideWindowException.class)
                .satisfies(e -> assertThat(((WeChatApiException) e).errcode()).isEqualTo(45047));
    }

    // --- user info ---

    @Test
    void userInfoToleratesBlankedFields() throws Exception {
        wechat.enqueueToken(
                json("{\"subscribe\":1,\"openid\":\"oIFRJ6vnwbr6MAVRlAowkkBhWqlI\",\"nickname\":\"\",\"sex\":0,"
                        + "\"language\":\"zh_CN\",\"city\":\"\",\"province\":\"\",\"country\":\"\",\"headimgurl\":\"\","
                        + "\"subscribe_time\":1716533081,\"remark\":\"\",\"groupid\":0,\"tagid_list\":[],"
                        + "\"subscribe_scene\":\"ADD_SCENE_QR_CODE\",\"qr_scene\":98765,\"qr_scene_str\":\"\"}"));

        UserInfo user = client.userInfo("oIFRJ6vnwbr6MAVRlAowkkBhWqlI");

        assertThat(user)
                .isEqualTo(new UserInfo(
                        true,
                        "oIFRJ6vnwbr6MAVRlAowkkBhWqlI",
                        null,
                        null,
                        Instant.ofEpochSecond(1716533081),
                        "ADD_SCENE_QR_CODE",
                        98765,
                        null,
                        null));
        takeTokenFetch();
        RecordedRequest call = take("GET", "/cgi-bin/user/info");
        assertThat(call.getUrl().queryParameter("access_token")).isEqualTo(TOKEN);
        assertThat(call.getUrl().queryParameter("openid")).isEqualTo("oIFRJ6vnwbr6MAVRlAowkkBhWqlI");
        assertThat(call.getUrl().queryParameter("lang")).isEqualTo("zh_CN");
    }

    @Test
    void userInfoOfSomeoneWhoDoesNotFollowHasOnlyTheOpenid() {
        wechat.enqueueToken(json("{\"subscribe\":0,\"openid\":\"xx\",\"tagid_list\":[]}"));

        assertThat(client.userInfo("xx")).isEqualTo(new UserInfo(false, "xx", null, null, null, null, 0, null, null));
    }

    @Test
    void userInfoKeepsFilledFields() {
        wechat.enqueueToken(json(
                "{\"subscribe\":1,\"openid\":\"o1\",\"nickname\":\"小王\",\"headimgurl\":\"https://thirdwx.qlogo.cn/x/46\","
                        + "\"subscribe_time\":1382694957,\"unionid\":\"o6_bmasdasdsad6_2sgVt7hMZOPfL\","
                        + "\"subscribe_scene\":\"ADD_SCENE_QR_CODE\",\"qr_scene\":0,\"qr_scene_str\":\"quote-42\"}"));

        assertThat(client.userInfo("o1"))
                .isEqualTo(new UserInfo(
                        true,
                        "o1",
                        "小王",
                        "https://thirdwx.qlogo.cn/x/46",
                        Instant.ofEpochSecond(1382694957),
                        "ADD_SCENE_QR_CODE",
                        0,
                        "quote-42",
                        "o6_bmasdasdsad6_2sgVt7hMZOPfL"));
    }

    @Test
    void anUnknownOpenidIsAnApiErrorWithItsMeaning() {
        wechat.enqueueToken(json("{\"errcode\":40003,\"errmsg\":\"invalid openid\"}"));

        assertThatThrownBy(() -> client.userInfo("nobody"))
                .isExactlyInstanceOf(WeChatApiException.class)
                .hasMessageContaining("/cgi-bin/user/info")
                .hasMessageContaining("40003")
                .satisfies(e -> assertThat(((WeChatApiException) e).meaning()).startsWith("不合法的 OpenID"));
    }

    // --- web authorization ---

    @Test
    void authorizeUrlCarriesTheEncodedRedirectScopeStateAndFragment() {
        URI url = client.authorizeUrl(
                URI.create("https://quote.example/oauth/back?x=1&y=a%20b"), OAuthScope.USERINFO, "abcXYZ09");

        assertThat(url.toString())
                .isEqualTo(server.url("/").toString() + "connect/oauth2/authorize?appid=" + APP_ID
                        + "&redirect_uri=https%3A%2F%2Fquote.example%2Foauth%2Fback%3Fx%3D1%26y%3Da%2520b"
                        + "&response_type=code&scope=snsapi_userinfo&state=abcXYZ09#wechat_redirect");
        assertThat(client.authorizeUrl(URI.create("http://q.example/cb"), OAuthScope.BASE, null)
                        .toString())
                .contains("&scope=snsapi_base#wechat_redirect")
                .doesNotContain("state");
    }

    @Test
    void authorizeUrlRefusesABadStateOrRedirect() {
        URI back = URI.create("https://quote.example/back");
        for (String state : new String[] {"", "a-b", "中文", "x".repeat(129)}) {
            assertThatThrownBy(() -> client.authorizeUrl(back, OAuthScope.BASE, state))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("state");
        }
        assertThat(client.authorizeUrl(back, OAuthScope.BASE, "x".repeat(128)).toString())
                .contains("state=" + "x".repeat(128));
        assertThatThrownBy(() -> client.authorizeUrl(URI.create("/relative"), OAuthScope.BASE, "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redirectUri");
        assertThatThrownBy(() -> client.authorizeUrl(URI.create("javascript:alert(1)"), OAuthScope.BASE, "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redirectUri");
    }

    @Test
    void exchangesACodeForTheUsersToken() throws Exception {
        server.enqueue(json("{\"access_token\":\"WEB-ACCESS-TOKEN-0123456789\",\"expires_in\":7200,"
                + "\"refresh_token\":\"WEB-REFRESH-TOKEN-0123456789\",\"openid\":\"OPENID\",\"scope\":\"snsapi_userinfo\","
                + "\"is_snapshotuser\":1,\"unionid\":\"UNIONID\"}"));

        OAuthToken token = client.exchangeCode("CODE-1");

        assertThat(token)
                .isEqualTo(new OAuthToken(
                        "WEB-ACCESS-TOKEN-0123456789",
                        NOW.plusSeconds(7200),
                        "WEB-REFRESH-TOKEN-0123456789",
                        "OPENID",
                        "snsapi_userinfo",
                        "UNIONID",
                        true));
        assertThat(token.toString())
                .doesNotContain("WEB-ACCESS-TOKEN", "WEB-REFRESH-TOKEN")
                .contains("OPENID");
        RecordedRequest call = take("GET", "/sns/oauth2/access_token");
        assertThat(call.getUrl().queryParameter("appid")).isEqualTo(APP_ID);
        assertThat(call.getUrl().queryParameter("secret")).isEqualTo(SECRET);
        assertThat(call.getUrl().queryParameter("code")).isEqualTo("CODE-1");
        assertThat(call.getUrl().queryParameter("grant_type")).isEqualTo("authorization_code");
        assertThat(call.getUrl().queryParameter("access_token")).isNull();
        assertThat(server.getRequestCount()).as("no basic token was fetched").isEqualTo(1);
    }

    @Test
    void aBaseScopeExchangeHasNoUnionidAndNoSnapshotFlag() {
        server.enqueue(
                json(
                        "{\"access_token\":\"A\",\"expires_in\":7200,\"refresh_token\":\"R\",\"openid\":\"O\",\"scope\":\"snsapi_base\"}"));

        OAuthToken token = client.exchangeCode("CODE");

        assertThat(token.unionid()).isNull();
        assertThat(token.snapshotUser()).isFalse();
    }

    @Test
    void aUsedCodeIsNotRetriedEvenWhenWeChatIsBusy() {
        server.enqueue(json("{\"errcode\":-1,\"errmsg\":\"system error\"}"));
        server.enqueue(json("{\"errcode\":40163,\"errmsg\":\"code been used\"}"));

        assertThatThrownBy(() -> client.exchangeCode("CODE")).isInstanceOf(SystemBusyException.class);
        assertThatThrownBy(() -> client.exchangeCode("CODE"))
                .isExactlyInstanceOf(WeChatApiException.class)
                .satisfies(e -> assertThat(((WeChatApiException) e).meaning()).isEqualTo("oauth_code已使用"));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void refreshesTheUsersToken() throws Exception {
        server.enqueue(json("{\"access_token\":\"WEB-2\",\"expires_in\":7200,\"refresh_token\":\"REFRESH-2\","
                + "\"openid\":\"OPENID\",\"scope\":\"snsapi_base\"}"));

        OAuthToken token = client.refreshOAuthToken("REFRESH-1");

        assertThat(token.accessToken()).isEqualTo("WEB-2");
        assertThat(token.refreshToken()).isEqualTo("REFRESH-2");
        RecordedRequest call = take("GET", "/sns/oauth2/refresh_token");
        assertThat(call.getUrl().queryParameter("appid")).isEqualTo(APP_ID);
        assertThat(call.getUrl().queryParameter("grant_type")).isEqualTo("refresh_token");
        assertThat(call.getUrl().queryParameter("refresh_token")).isEqualTo("REFRESH-1");
        assertThat(call.getUrl().queryParameter("secret")).isNull();
    }

    @Test
    void readsTheWebUserProfileWithTheUsersToken() throws Exception {
        server.enqueue(json("{\"openid\":\"OPENID\",\"nickname\":\"小李\",\"sex\":0,\"language\":\"\",\"city\":\"\","
                + "\"province\":\"\",\"country\":\"\",\"headimgurl\":\"https://thirdwx.qlogo.cn/mmopen/x/46\","
                + "\"privilege\":[],\"unionid\":\"UNIONID\"}"));
        OAuthToken token =
                new OAuthToken("WEB-ACCESS", NOW.plusSeconds(7200), "R", "OPENID", "snsapi_userinfo", null, false);

        assertThat(client.webUserInfo(token))
                .isEqualTo(new WebUserProfile("OPENID", "小李", "https://thirdwx.qlogo.cn/mmopen/x/46", "UNIONID"));
        RecordedRequest call = take("GET", "/sns/userinfo");
        assertThat(call.getUrl().queryParameter("access_token")).isEqualTo("WEB-ACCESS");
        assertThat(call.getUrl().queryParameter("openid")).isEqualTo("OPENID");
        assertThat(call.getUrl().queryParameter("lang")).isEqualTo("zh_CN");
    }

    @Test
    void aRejectedWebTokenIsNotMistakenForTheAccountsToken() {
        server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        server.enqueue(json("{\"errcode\":48001,\"errmsg\":\"api unauthorized\"}"));
        OAuthToken token =
                new OAuthToken("WEB-ACCESS", NOW.plusSeconds(7200), "R", "OPENID", "snsapi_base", null, false);

        assertThatThrownBy(() -> client.webUserInfo(token)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> client.webUserInfo(token))
                .isExactlyInstanceOf(WeChatApiException.class)
                .satisfies(e -> assertThat(((WeChatApiException) e).meaning()).isEqualTo("api 功能未授权"));
        assertThat(server.getRequestCount())
                .as("no retry, no basic token fetch")
                .isEqualTo(2);
    }

    // --- configuration ---

    @Test
    void buildingFailsFastNamingTheMissingSettingButNotTheSecret() {
        assertThatThrownBy(() -> WeChatClient.builder().appSecret(SECRET).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appId");
        assertThatThrownBy(() -> WeChatClient.builder().appId(APP_ID).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appSecret");
        assertThatThrownBy(() -> WeChatClient.builder()
                        .appId(APP_ID)
                        .appSecret(SECRET)
                        .apiBaseUrl(URI.create("ftp://x"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiBaseUrl");
        assertThat(client.toString()).contains(APP_ID).doesNotContain(SECRET);
    }

    @Test
    void aBaseUrlWithAPathPrefixAndTrailingSlashIsHonoured() throws Exception {
        try (WeChatClient prefixed = clientFor(server.url("/wechat/").uri()).build()) {
            wechat.enqueueToken();

            prefixed.accessToken();

            assertThat(take().getUrl().encodedPath()).isEqualTo("/wechat/cgi-bin/token");
        }
    }
}
