package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.emulator.http.Json;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /cgi-bin/token} and {@code /cgi-bin/stable_token} (docs/PROTOCOL.md#access-tokens), over HTTP. */
class AccessTokenTest {

    private static final String APP_ID = "wx1111111111111111";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @RegisterExtension
    final EmulatorWithAccount emulator = new EmulatorWithAccount(
            EmulatorSettings.builder()
                    .tokenDailyQuota(5)
                    .forceRefreshDailyLimit(3)
                    .build(),
            NewAccount.of(APP_ID, SECRET));

    private WeChatEmulator wx;

    @BeforeEach
    void start() {
        wx = emulator.emulator();
    }

    private JsonNode token(String query) {
        return TestHttp.getJson(wx.url("/cgi-bin/token?" + query));
    }

    private String newToken() {
        JsonNode t = token("grant_type=client_credential&appid=" + APP_ID + "&secret=" + SECRET);
        assertThat(t.has("errcode")).as("token call failed: %s", t).isFalse();
        return t.get("access_token").asString();
    }

    /** A valid {@code stable_token} request body of the account, without {@code force_refresh}. */
    private static ObjectNode stableRequest() {
        return Json.object()
                .put("grant_type", "client_credential")
                .put("appid", APP_ID)
                .put("secret", SECRET);
    }

    private JsonNode stable(Object body) {
        return TestHttp.postJson(wx.url("/cgi-bin/stable_token"), body);
    }

    /** A token-taking call: user/info of an unknown openid answers 40003 when the token is accepted. */
    private int useToken(String token) {
        JsonNode r = TestHttp.getJson(wx.url("/cgi-bin/user/info?access_token=" + token + "&openid=oUnknown"));
        return r.get("errcode").asInt();
    }

    static void assertError(JsonNode answer, int errcode) {
        assertThat(answer.get("errcode").asInt()).as("answer %s", answer).isEqualTo(errcode);
        assertThat(answer.get("errmsg").asString()).matches(".+ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}");
    }

    @Test
    void token_is_issued_for_7200_seconds_without_errcode() {
        var response = TestHttp.get(
                wx.url("/cgi-bin/token?grant_type=client_credential&appid=" + APP_ID + "&secret=" + SECRET));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; encoding=utf-8");
        JsonNode t = TestHttp.json(response);
        assertThat(t.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(t.get("access_token").asString()).hasSizeGreaterThan(100).hasSizeLessThan(512);
        assertThat(t.has("errcode")).isFalse();
    }

    @Test
    void bad_credentials_get_their_codes_in_http_200() {
        assertError(token("grant_type=password&appid=" + APP_ID + "&secret=" + SECRET), 40002);
        assertError(token("grant_type=client_credential&secret=" + SECRET), 41002);
        assertError(token("grant_type=client_credential&appid=wxnope&secret=" + SECRET), 40013);
        assertError(token("grant_type=client_credential&appid=" + APP_ID), 41004);
        assertError(token("grant_type=client_credential&appid=" + APP_ID + "&secret=wrong"), 40125);
    }

    @Test
    void a_new_token_leaves_the_previous_one_valid_for_five_minutes_and_ends_older_ones() {
        String first = newToken();
        String second = newToken();
        assertThat(useToken(first)).isEqualTo(40003);
        assertThat(useToken(second)).isEqualTo(40003);
        String third = newToken();
        assertThat(useToken(first)).as("superseded twice").isEqualTo(40001);
        assertThat(useToken(second)).as("previous, within grace").isEqualTo(40003);
        wx.advanceClock(Duration.ofMinutes(5));
        assertThat(useToken(second)).as("previous, grace over").isEqualTo(40001);
        assertThat(useToken(third)).isEqualTo(40003);
    }

    @Test
    void token_taking_calls_refuse_missing_unknown_and_expired_tokens() {
        assertError(TestHttp.getJson(wx.url("/cgi-bin/user/info?openid=x")), 41001);
        assertError(TestHttp.getJson(wx.url("/cgi-bin/user/info?access_token=nonsense&openid=x")), 40001);
        String token = newToken();
        wx.advanceClock(Duration.ofSeconds(7200));
        assertError(TestHttp.getJson(wx.url("/cgi-bin/user/info?access_token=" + token + "&openid=x")), 42001);
        assertError(TestHttp.postJson(wx.url("/cgi-bin/qrcode/create?access_token=" + token), "{}"), 42001);
        assertError(TestHttp.postJson(wx.url("/cgi-bin/message/custom/send?access_token=" + token), "{}"), 42001);
    }

    @Test
    void daily_quota_ends_with_45009_and_resets_the_next_day() {
        for (int i = 0; i < 5; i++) {
            newToken();
        }
        assertError(token("grant_type=client_credential&appid=" + APP_ID + "&secret=" + SECRET), 45009);
        wx.advanceClock(Duration.ofDays(1));
        newToken();
    }

    @Test
    void quota_can_be_read_and_cleared_ten_times_a_month() {
        String token = newToken();
        newToken();
        JsonNode q = TestHttp.postJson(
                wx.url("/cgi-bin/openapi/quota/get?access_token=" + newToken()),
                Json.object().put("cgi_path", "/cgi-bin/token"));
        assertThat(q.get("quota").get("daily_limit").asInt()).isEqualTo(5);
        assertThat(q.get("quota").get("used").asInt()).isEqualTo(3);
        assertThat(q.get("quota").get("remain").asInt()).isEqualTo(2);
        String current = newToken();
        for (int i = 0; i < 10; i++) {
            JsonNode cleared = TestHttp.postJson(
                    wx.url("/cgi-bin/clear_quota?access_token=" + current),
                    Json.object().put("appid", APP_ID));
            assertThat(cleared.get("errcode").asInt()).as("%s", cleared).isZero();
        }
        assertError(
                TestHttp.postJson(
                        wx.url("/cgi-bin/clear_quota?access_token=" + current),
                        Json.object().put("appid", APP_ID)),
                48006);
        assertThat(token).isNotEqualTo(current);
        for (int i = 0; i < 5; i++) {
            newToken();
        }
    }

    @Test
    void invalidate_token_fault_acts_as_another_server_fetching_one() {
        String token = newToken();
        wx.addFault(FaultSpec.invalidateToken(APP_ID));
        assertThat(useToken(token)).isEqualTo(40001);
        String next = newToken();
        assertThat(useToken(next)).isEqualTo(40003);
    }

    @Test
    void stable_token_is_the_same_until_its_last_five_minutes() {
        ObjectNode body = stableRequest();
        JsonNode a = stable(body);
        JsonNode b = stable(body);
        assertThat(b.get("access_token").asString())
                .isEqualTo(a.get("access_token").asString());
        wx.advanceClock(Duration.ofSeconds(7200 - 299));
        JsonNode c = stable(body);
        assertThat(c.get("access_token").asString())
                .isNotEqualTo(a.get("access_token").asString());
        assertThat(c.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(useToken(a.get("access_token").asString()))
                .as("old one in hand-over")
                .isEqualTo(40003);
    }

    @Test
    void stable_token_is_isolated_from_cgi_bin_token() {
        ObjectNode body = stableRequest();
        String stableToken = stable(body).get("access_token").asString();
        newToken();
        newToken();
        newToken();
        assertThat(useToken(stableToken)).isEqualTo(40003);
    }

    @Test
    void force_refresh_replaces_the_token_not_more_often_than_every_30_seconds_and_20_times_a_day() {
        ObjectNode body = stableRequest();
        String normal = stable(body).get("access_token").asString();
        var force = body.deepCopy().put("force_refresh", true);
        String forced = stable(force).get("access_token").asString();
        assertThat(forced).isNotEqualTo(normal);
        assertThat(stable(force).get("access_token").asString())
                .as("within 30 s: no refresh")
                .isEqualTo(forced);
        wx.advanceClock(Duration.ofSeconds(30));
        String forced2 = stable(force).get("access_token").asString();
        assertThat(forced2).isNotEqualTo(forced);
        assertThat(useToken(normal))
                .as("two forced refreshes kill a leaked token")
                .isEqualTo(40001);
        wx.advanceClock(Duration.ofSeconds(30));
        stable(force); // third (limit 3 in this test)
        wx.advanceClock(Duration.ofSeconds(30));
        assertError(stable(force), 45009);
    }

    @Test
    void another_system_fetching_classic_tokens_through_the_control_api_never_touches_the_stable_token() {
        String classic = newToken(); // 1 of the 5 /cgi-bin/token calls this test's quota allows
        String stableToken = stable(stableRequest()).get("access_token").asString();
        var other = TestHttp.post(wx.url("/emulator/accounts/" + APP_ID + "/token"), "");
        assertThat(other.statusCode()).isEqualTo(200);
        String othersToken = TestHttp.json(other).get("accessToken").asString();
        assertThat(useToken(othersToken)).isEqualTo(40003);
        assertThat(wx.fetchTokenAsAnotherSystem(APP_ID)).isNotEqualTo(othersToken);

        assertThat(useToken(classic)).as("our classic token, superseded twice").isEqualTo(40001);
        assertThat(useToken(stableToken)).as("the stable token").isEqualTo(40003);
        assertThat(stable(stableRequest()).get("access_token").asString())
                .as("stable_token still hands out the same one")
                .isEqualTo(stableToken);

        wx.fetchTokenAsAnotherSystem(APP_ID);
        wx.fetchTokenAsAnotherSystem(APP_ID);
        var overQuota = TestHttp.post(wx.url("/emulator/accounts/" + APP_ID + "/token"), "");
        assertThat(overQuota.statusCode()).as("the 6th call of 5 a day").isEqualTo(409);
        assertThat(overQuota.body()).contains("45009");
        assertThat(TestHttp.post(wx.url("/emulator/accounts/wxNobody/token"), "")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void stable_token_wants_a_json_post() {
        assertError(TestHttp.getJson(wx.url("/cgi-bin/stable_token")), 43002);
        assertError(stable(""), 44002);
        assertError(stable("grant_type=client_credential"), 47001);
        assertError(stable(stableRequest().put("secret", "x")), 40125);
        assertError(stable(Json.object().put("appid", APP_ID).put("secret", SECRET)), 40002);
    }

    @Test
    void call_log_masks_secrets_and_tokens() {
        newToken();
        CallRecord call = wx.calls("/cgi-bin/token").get(0);
        assertThat(call.query().get("secret")).startsWith("****").doesNotContain(SECRET);
        assertThat(call.responseBody()).contains("\"access_token\":\"****");
        assertThat(call.errcode()).isZero();
        assertThat(URI.create(wx.baseUrl().toString()).getHost()).isEqualTo("localhost");
    }
}
