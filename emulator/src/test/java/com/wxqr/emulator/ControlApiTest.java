package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.emulator.http.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The JSON control API under /emulator/, driven only over HTTP as a non-Java test or a demo would. */
class ControlApiTest {

    @RegisterExtension
    final WeChatEmulatorExtension extension = new WeChatEmulatorExtension(
            EmulatorSettings.builder().pushTimeout(Duration.ofMillis(500)).build());

    /** A control-API POST of {@code body} to {@code path} answers {@code status}. */
    private static void assertPostAnswers(WeChatEmulator wx, String path, String body, int status) {
        assertThat(TestHttp.post(wx.url(path), body).statusCode())
                .as("POST %s %s", path, body)
                .isEqualTo(status);
    }

    @Test
    void a_whole_journey_through_the_control_api(WeChatEmulator wx) throws Exception {
        try (CallbackServer server = new CallbackServer("tok123", "wx7777777777777777", null)) {
            JsonNode account = TestHttp.postJson(
                    wx.url("/emulator/accounts"),
                    Json.object()
                            .put("appId", "wx7777777777777777")
                            .put("secret", "sec7")
                            .put("token", "tok123")
                            .put("callbackUrl", server.url())
                            .put("mode", "plain"));
            assertThat(account.get("verification").get("verified").asBoolean()).isTrue();
            assertThat(account.get("originalId").asString()).startsWith("gh_");

            JsonNode listed = TestHttp.getJson(wx.url("/emulator/accounts")).get(0);
            assertThat(listed.get("secret").asString()).isEqualTo("****");

            JsonNode user =
                    TestHttp.postJson(wx.url("/emulator/users"), Json.object().put("nickname", "阿强"));
            String openid = user.get("openid").asString();
            assertThat(openid).hasSize(28).matches("o[A-Za-z0-9_-]{27}");
            assertThat(user.get("following").asBoolean()).isFalse();

            JsonNode tokenAnswer = TestHttp.getJson(
                    wx.url("/cgi-bin/token?grant_type=client_credential&appid=wx7777777777777777&secret=sec7"));
            assertThat(tokenAnswer.has("access_token"))
                    .as("%s faults %s", tokenAnswer, wx.faults())
                    .isTrue();
            String token = tokenAnswer.get("access_token").asString();
            JsonNode code = TestHttp.postJson(
                    wx.url("/cgi-bin/qrcode/create?access_token=" + token),
                    "{\"expire_seconds\":120,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":42}}}");
            assertThat(TestHttp.getJson(wx.url("/emulator/qrcodes"))
                            .get(0)
                            .get("scene")
                            .asString())
                    .isEqualTo("42");

            // scan an uploaded picture of the code, as the phone page does
            byte[] png = TestHttp.getBytes(wx.url("/cgi-bin/showqrcode?ticket="
                            + URLEncoder.encode(code.get("ticket").asString(), StandardCharsets.UTF_8)))
                    .body();
            JsonNode scan = TestHttp.postJson(
                    wx.url("/emulator/users/" + openid + "/scan"),
                    Json.object()
                            .put(
                                    "image",
                                    "data:image/png;base64,"
                                            + Base64.getEncoder().encodeToString(png)));
            assertThat(scan.get("event").asString()).isEqualTo("subscribe");
            assertThat(scan.get("eventKey").asString()).isEqualTo("qrscene_42");
            assertThat(scan.get("outcome").asString()).isEqualTo("replied");
            assertThat(scan.get("attempts").get(0).get("result").asString()).isEqualTo("answered");

            JsonNode again = TestHttp.postJson(
                    wx.url("/emulator/users/" + openid + "/scan"),
                    Json.object().put("ticket", code.get("ticket").asString()));
            assertThat(again.get("event").asString()).isEqualTo("SCAN");
            assertThat(again.get("eventKey").asString()).isEqualTo("42");

            JsonNode written = TestHttp.postJson(
                    wx.url("/emulator/users/" + openid + "/messages"),
                    Json.object().put("content", "你好"));
            assertThat(written.get("reply").get("content").asString()).isEqualTo("收到：你好");

            JsonNode chat = TestHttp.getJson(wx.url("/emulator/users/" + openid + "/chat"));
            assertThat(chat).hasSize(4);
            JsonNode card = chat.get(0).get("articles").get(0);
            assertThat(card.get("title").asString()).isEqualTo("您的报价 42");
            assertThat(card.get("url").asString()).endsWith("/quote/42");
            assertThat(card.has("picurl")).isTrue();
            assertThat(chat.get(0).get("via").asString()).isEqualTo("passive");
            assertThat(TestHttp.getJson(wx.url("/emulator/users/" + openid + "/chat?after=3")))
                    .hasSize(1);

            JsonNode pushes = TestHttp.getJson(wx.url("/emulator/calls?path=" + server.url()));
            assertThat(pushes).hasSize(4);
            assertThat(pushes.get(0).get("kind").asString()).isEqualTo("verify");
            assertThat(pushes.get(1).get("kind").asString()).isEqualTo("push");
            assertThat(pushes.get(1).get("requestBody").asString()).contains("qrscene_42");

            JsonNode unfollow = TestHttp.postJson(wx.url("/emulator/users/" + openid + "/unfollow"), "{}");
            assertThat(unfollow.get("outcome").asString()).isEqualTo("ignored");
            JsonNode follow = TestHttp.postJson(wx.url("/emulator/users/" + openid + "/follow"), "{}");
            assertThat(follow.get("event").asString()).isEqualTo("subscribe");
            assertThat(follow.get("eventKey").asString()).isEmpty();
        }
    }

    @Test
    void faults_clock_and_errors_over_http(WeChatEmulator wx) {
        TestHttp.postJson(
                wx.url("/emulator/accounts"),
                Json.object().put("appId", "wx8888888888888888").put("secret", "s8"));
        var fault = TestHttp.post(
                wx.url("/emulator/faults"),
                Json.write(Json.object()
                        .put("type", "error")
                        .put("path", "/cgi-bin/token")
                        .put("errcode", 45009)
                        .put("count", 1)));
        assertThat(fault.statusCode()).isEqualTo(201);
        assertThat(TestHttp.getJson(wx.url("/emulator/faults"))).hasSize(1);
        JsonNode t = TestHttp.getJson(
                wx.url("/cgi-bin/token?grant_type=client_credential&appid=wx8888888888888888&secret=s8"));
        assertThat(t.get("errcode").asInt()).isEqualTo(45009);
        assertThat(t.get("errmsg").asString()).startsWith("reach max api daily quota limit rid: ");
        assertThat(TestHttp.getJson(wx.url(
                                "/cgi-bin/token?grant_type=client_credential&appid=wx8888888888888888&secret=s8"))
                        .has("access_token"))
                .isTrue();

        TestHttp.post(
                wx.url("/emulator/faults"),
                Json.write(Json.object().put("type", "latency").put("path", "*").put("millis", 300)));
        long start = System.nanoTime();
        TestHttp.get(wx.url("/sns/auth"));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(TestHttp.get(wx.url("/emulator/faults")).body()).isEqualTo("[]");

        JsonNode clock =
                TestHttp.postJson(wx.url("/emulator/clock"), Json.object().put("advanceSeconds", 3600));
        assertThat(clock.get("offsetSeconds").asLong()).isEqualTo(3600);

        assertPostAnswers(wx, "/emulator/faults", "{\"type\":\"nonsense\"}", 400);
        assertPostAnswers(wx, "/emulator/users/nobody/scan", "{\"url\":\"x\"}", 404);
        assertPostAnswers(wx, "/emulator/accounts", "[1]", 400);
        assertPostAnswers(wx, "/emulator/accounts", "{\"appId\":\"wx8888888888888888\"}", 409);
        assertPostAnswers(wx, "/emulator/accounts", "{\"encodingAesKey\":\"short\",\"mode\":\"safe\"}", 400);
        var user = TestHttp.postJson(wx.url("/emulator/users"), "{}");
        var expired = TestHttp.post(
                wx.url("/emulator/users/" + user.get("openid").asString() + "/scan"),
                "{\"url\":\"http://weixin.qq.com/q/unknown\"}");
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(TestHttp.get(wx.url("/nowhere")).statusCode()).isEqualTo(404);
        assertThat(TestHttp.get(wx.url("/phone")).body()).contains("扫一扫");
    }

    @Test
    void expired_codes_cannot_be_scanned(WeChatEmulator wx) {
        wx.createAccount(NewAccount.of("wx9999999999999999", "s9"));
        EmulatedUser user = wx.createUser(null, null);
        String token = TestHttp.accessToken(wx, "wx9999999999999999", "s9");
        JsonNode code = TestHttp.postJson(
                wx.url("/cgi-bin/qrcode/create?access_token=" + token),
                "{\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":1}}}");
        wx.advanceClock(Duration.ofSeconds(61));
        var r = TestHttp.post(
                wx.url("/emulator/users/" + user.openid() + "/scan"),
                Json.write(Json.object().put("url", code.get("url").asString())));
        assertThat(r.statusCode()).isEqualTo(410);
        assertThat(r.body()).contains("二维码已过期");
    }
}
