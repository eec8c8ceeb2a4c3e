package com.wxqr.emulator;

import static com.wxqr.emulator.AccessTokenTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.http.Json;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Web authorization (docs/PROTOCOL.md#web-authorization) through "open inside WeChat": a real site on loopback
 * redirects to the emulator's authorize page, gets the code back and exchanges it over HTTP.
 */
class WebAuthorizationTest {

    private static final String APP_ID = "wx6666666666666666";
    private static final String SECRET = "secret6";

    @RegisterExtension
    final EmulatorWithAccount emulator = new EmulatorWithAccount(NewAccount.of(APP_ID, SECRET));

    private WeChatEmulator wx;
    private HttpServer site;
    private String siteBase;
    private EmulatedUser user;

    @BeforeEach
    void start() throws Exception {
        wx = emulator.emulator();
        user = wx.createUser(APP_ID, "小明");
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        siteBase = "http://localhost:" + site.getAddress().getPort();
        // /start?scope=... sets a cookie and sends the browser to WeChat; /cb shows what came back
        site.createContext("/start", ex -> {
            Map<String, String> q = Exchange.parseQuery(ex.getRequestURI().getRawQuery());
            String authorize = wx.url("/connect/oauth2/authorize") + "?appid=" + APP_ID + "&redirect_uri="
                    + URLEncoder.encode(siteBase + "/cb", StandardCharsets.UTF_8) + "&response_type=code&scope="
                    + q.get("scope") + "&state=st4te#wechat_redirect";
            ex.getResponseHeaders().add("Set-Cookie", "bind=browser-1; Path=/");
            ex.getResponseHeaders().add("Location", authorize);
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        site.createContext("/cb", ex -> {
            String cookie = String.valueOf(ex.getRequestHeaders().getFirst("Cookie"));
            String ua = String.valueOf(ex.getRequestHeaders().getFirst("User-Agent"));
            TestHttp.answer(
                    ex, null, "query=" + ex.getRequestURI().getRawQuery() + "\ncookie=" + cookie + "\nua=" + ua);
        });
        site.start();
    }

    @AfterEach
    void stop() {
        site.stop(0);
    }

    private String codeFrom(OpenResult r) {
        return r.body().replaceAll("(?s).*code=([^&\\s]+)&.*", "$1");
    }

    private JsonNode exchange(String code) {
        return TestHttp.getJson(wx.url("/sns/oauth2/access_token?appid=" + APP_ID + "&secret=" + SECRET + "&code="
                + code + "&grant_type=authorization_code"));
    }

    @Test
    void consent_redirects_with_code_and_state_in_the_users_browser() {
        OpenResult r = wx.open(user.openid(), siteBase + "/start?scope=snsapi_userinfo");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.finalUrl()).startsWith(siteBase + "/cb?code=").endsWith("&state=st4te");
        assertThat(r.body()).contains("cookie=bind=browser-1").contains("MicroMessenger/");
        assertThat(r.visited()).hasSize(3);

        JsonNode token = exchange(codeFrom(r));
        assertThat(token.get("openid").asString()).isEqualTo(user.openid());
        assertThat(token.get("scope").asString()).isEqualTo("snsapi_userinfo");
        assertThat(token.get("expires_in").asInt()).isEqualTo(7200);
        String access = token.get("access_token").asString();

        JsonNode info = TestHttp.getJson(
                wx.url("/sns/userinfo?access_token=" + access + "&openid=" + user.openid() + "&lang=zh_CN"));
        assertThat(info.get("nickname").asString()).isEqualTo("小明");
        assertThat(info.get("headimgurl").asString()).isEqualTo(user.headimgurl());
        assertThat(info.get("sex").asInt()).isZero();
        assertThat(info.get("privilege").isArray()).isTrue();
        var avatar =
                TestHttp.getBytes(java.net.URI.create(info.get("headimgurl").asString()));
        assertThat(avatar.statusCode()).isEqualTo(200);
        assertThat(avatar.headers().firstValue("Content-Type")).hasValue("image/png");

        JsonNode auth = TestHttp.getJson(wx.url("/sns/auth?access_token=" + access + "&openid=" + user.openid()));
        assertThat(auth.get("errcode").asInt()).isZero();
        assertError(TestHttp.getJson(wx.url("/sns/auth?access_token=" + access + "&openid=oOther")), 40003);
        assertError(TestHttp.getJson(wx.url("/sns/userinfo?access_token=bad&openid=" + user.openid())), 40001);
    }

    @Test
    void refusal_redirects_with_the_state_only() {
        OpenResult r = wx.open(user.openid(), siteBase + "/start?scope=snsapi_userinfo", false);
        assertThat(r.finalUrl()).isEqualTo(siteBase + "/cb?state=st4te");
    }

    @Test
    void codes_are_single_use_and_expire_after_five_minutes() {
        String code = codeFrom(wx.open(user.openid(), siteBase + "/start?scope=snsapi_base"));
        assertThat(exchange(code).has("access_token")).isTrue();
        assertError(exchange(code), 40163);
        assertError(exchange("made-up"), 40029);
        String late = codeFrom(wx.open(user.openid(), siteBase + "/start?scope=snsapi_base"));
        wx.advanceClock(Duration.ofMinutes(5));
        assertError(exchange(late), 40029);
        assertError(
                TestHttp.getJson(wx.url("/sns/oauth2/access_token?appid=" + APP_ID
                        + "&secret=wrong&code=x&grant_type=authorization_code")),
                40125);
        assertError(
                TestHttp.getJson(wx.url("/sns/oauth2/access_token?appid=" + APP_ID + "&secret=" + SECRET
                        + "&grant_type=authorization_code")),
                41008);
    }

    @Test
    void snsapi_base_tokens_cannot_read_userinfo_and_refresh_tokens_work() {
        JsonNode token = exchange(codeFrom(wx.open(user.openid(), siteBase + "/start?scope=snsapi_base")));
        assertThat(token.get("scope").asString()).isEqualTo("snsapi_base");
        assertError(
                TestHttp.getJson(wx.url("/sns/userinfo?access_token="
                        + token.get("access_token").asString() + "&openid=" + user.openid())),
                48001);
        JsonNode refreshed = TestHttp.getJson(
                wx.url("/sns/oauth2/refresh_token?appid=" + APP_ID + "&grant_type=refresh_token&refresh_token="
                        + token.get("refresh_token").asString()));
        assertThat(refreshed.get("openid").asString()).isEqualTo(user.openid());
        assertThat(refreshed.get("access_token").asString())
                .isNotEqualTo(token.get("access_token").asString());
        assertError(
                TestHttp.getJson(wx.url(
                        "/sns/oauth2/refresh_token?appid=" + APP_ID + "&grant_type=refresh_token&refresh_token=nope")),
                40030);
        wx.advanceClock(Duration.ofSeconds(7200));
        assertError(
                TestHttp.getJson(wx.url(
                        "/sns/auth?access_token=" + token.get("access_token").asString() + "&openid=" + user.openid())),
                42001);
    }

    @Test
    void authorize_outside_wechat_asks_to_open_in_the_client_and_bad_requests_get_the_error_page() {
        var plain = TestHttp.get(wx.url("/connect/oauth2/authorize?appid=" + APP_ID + "&redirect_uri="
                + URLEncoder.encode(siteBase + "/cb", StandardCharsets.UTF_8)
                + "&response_type=code&scope=snsapi_base&state=s"));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).contains("请在微信客户端打开链接");
        var noScope = TestHttp.get(
                wx.url("/connect/oauth2/authorize?appid=" + APP_ID + "&redirect_uri=x&response_type=code"));
        assertThat(noScope.body()).contains("Oops! Something went wrong").contains("10003");
        wx.reconfigureAccount(APP_ID, NewAccount.of(null, null).withOauthDomain("quote.example.com"));
        OpenResult r = wx.open(user.openid(), siteBase + "/start?scope=snsapi_base");
        assertThat(r.body()).contains("10003");
        assertThat(r.finalUrl()).contains("/connect/oauth2/authorize");
    }

    @Test
    void snsapi_base_redirects_without_a_consent_page_and_the_call_log_shows_each_scope() {
        wx.clearCalls();
        // consent=false would refuse a consent page: snsapi_base shows none, so the code comes back anyway.
        OpenResult base = wx.open(user.openid(), siteBase + "/start?scope=snsapi_base", false);
        assertThat(base.finalUrl()).startsWith(siteBase + "/cb?code=");
        assertThat(exchange(codeFrom(base)).get("scope").asString()).isEqualTo("snsapi_base");
        wx.open(user.openid(), siteBase + "/start?scope=snsapi_userinfo");
        assertThat(wx.calls("/connect/oauth2/authorize"))
                .extracting(c -> c.query().get("scope"))
                .containsExactly("snsapi_base", "snsapi_userinfo");
        assertThat(wx.calls("/sns/oauth2/access_token"))
                .singleElement()
                .satisfies(c -> assertThat(c.responseBody()).contains("\"scope\":\"snsapi_base\""));
    }

    @Test
    void a_snapshot_page_gives_a_virtual_openid_and_profile_until_the_user_taps_use_full_service() {
        assertThat(wx.snapshotPages(user.openid(), true).snapshotPages()).isTrue();
        OpenResult snapshot = wx.open(user.openid(), siteBase + "/start?scope=snsapi_userinfo", false);
        assertThat(snapshot.finalUrl())
                .as("no consent page is shown on a snapshot page")
                .startsWith(siteBase + "/cb?code=");
        JsonNode token = exchange(codeFrom(snapshot));
        String virtualOpenid = token.get("openid").asString();
        assertThat(token.get("is_snapshotuser").asInt()).isEqualTo(1);
        assertThat(token.get("scope").asString()).isEqualTo("snsapi_userinfo");
        assertThat(virtualOpenid)
                .hasSize(28)
                .isNotEqualTo(user.openid())
                .startsWith(user.openid().substring(0, 6));
        JsonNode info = TestHttp.getJson(wx.url(
                "/sns/userinfo?access_token=" + token.get("access_token").asString() + "&openid=" + virtualOpenid));
        assertThat(info.get("nickname").asString()).isEqualTo("微信用户").isNotEqualTo(user.nickname());
        assertThat(info.get("headimgurl").asString())
                .isNotEqualTo(user.headimgurl())
                .endsWith("/mmopen/default/132");
        assertThat(TestHttp.getBytes(java.net.URI.create(info.get("headimgurl").asString()))
                        .statusCode())
                .isEqualTo(200);

        String another = exchange(codeFrom(wx.open(user.openid(), siteBase + "/start?scope=snsapi_userinfo")))
                .get("openid")
                .asString();
        assertThat(another)
                .as("each snapshot authorization gets its own virtual openid")
                .isNotEqualTo(virtualOpenid);
        assertThat(exchange(codeFrom(wx.open(user.openid(), siteBase + "/start?scope=snsapi_base")))
                        .has("is_snapshotuser"))
                .as("snsapi_base is silent, never a snapshot")
                .isFalse();

        OpenResult full = wx.useFullService(user.openid(), true);
        assertThat(full.finalUrl()).startsWith(siteBase + "/cb?code=");
        JsonNode real = exchange(codeFrom(full));
        assertThat(real.get("openid").asString()).isEqualTo(user.openid());
        assertThat(real.has("is_snapshotuser")).isFalse();
        JsonNode again = exchange(codeFrom(wx.open(user.openid(), siteBase + "/start?scope=snsapi_userinfo")));
        assertThat(again.get("openid").asString())
                .as("consented now: no more snapshots")
                .isEqualTo(user.openid());
    }

    @Test
    void use_full_service_without_a_snapshot_page_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wx.useFullService(user.openid(), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no snapshot page");
    }

    @Test
    void a_new_avatar_kills_the_old_url_and_userinfo_answers_the_new_profile() {
        String oldAvatar = user.headimgurl();
        JsonNode changed = TestHttp.postJson(
                wx.url("/emulator/users/" + user.openid()),
                Json.object().put("nickname", "大明").put("newAvatar", true));
        assertThat(changed.get("nickname").asString()).isEqualTo("大明");
        String newAvatar = changed.get("headimgurl").asString();
        assertThat(newAvatar).isNotEqualTo(oldAvatar).endsWith("/132");
        assertThat(TestHttp.getBytes(java.net.URI.create(oldAvatar)).statusCode())
                .isEqualTo(404);
        assertThat(TestHttp.getBytes(java.net.URI.create(newAvatar)).statusCode())
                .isEqualTo(200);
        JsonNode token = exchange(codeFrom(wx.open(user.openid(), siteBase + "/start?scope=snsapi_userinfo")));
        JsonNode info = TestHttp.getJson(wx.url(
                "/sns/userinfo?access_token=" + token.get("access_token").asString() + "&openid=" + user.openid()));
        assertThat(info.get("nickname").asString()).isEqualTo("大明");
        assertThat(info.get("headimgurl").asString()).isEqualTo(newAvatar);

        assertThat(wx.changeNickname(user.openid(), "小明二").headimgurl())
                .as("a nickname alone keeps the avatar")
                .isEqualTo(newAvatar);
        assertThat(TestHttp.post(wx.url("/emulator/users/" + user.openid()), "{\"nickname\":\" \"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(TestHttp.post(wx.url("/emulator/users/" + user.openid()), "{\"snapshotPages\":\"yes\"}")
                        .statusCode())
                .isEqualTo(400);
    }
}
