package com.wxqr.emulator;

import static com.wxqr.emulator.AccessTokenTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.crypto.JsApiSignature;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** {@code GET /cgi-bin/ticket/getticket?type=jsapi} over HTTP (docs/PROTOCOL.md#js-sdk-tickets). */
class JsApiTicketEndpointTest {

    private static final String APP_ID = "wx1111111111111111";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @RegisterExtension
    final EmulatorWithAccount emulator =
            new EmulatorWithAccount(EmulatorSettings.builder().build(), NewAccount.of(APP_ID, SECRET));

    private JsonNode getTicket(String token, String type) {
        return TestHttp.getJson(
                emulator.emulator().url("/cgi-bin/ticket/getticket?access_token=" + token + "&type=" + type));
    }

    @Test
    void aTicketIsIssuedFor7200SecondsToAValidTokenOnly() {
        WeChatEmulator wx = emulator.emulator();
        String token = TestHttp.accessToken(wx, APP_ID, SECRET);

        JsonNode answer = getTicket(token, "jsapi");
        assertThat(answer.get("errcode").asInt()).isZero();
        assertThat(answer.get("errmsg").asString()).isEqualTo("ok");
        assertThat(answer.get("expires_in").asLong()).isEqualTo(7200);
        assertThat(answer.get("ticket").asString()).hasSize(86);

        assertError(getTicket("not-a-token", "jsapi"), 40001);
        assertError(getTicket(token, "wx_card"), 40097);
        wx.advanceClock(Duration.ofSeconds(7200));
        assertError(getTicket(token, "jsapi"), 42001);
    }

    @Test
    void mpsClientGetsTheTicketAndItsSignatureIsAcceptedByTheEmulatorsCheck() {
        WeChatEmulator wx = emulator.emulator();
        try (WeChatClient client = WeChatClient.builder()
                .appId(APP_ID)
                .appSecret(SECRET)
                .apiBaseUrl(wx.baseUrl())
                .build()) {
            String ticket = client.jsapiTicket().value();
            assertThat(client.jsapiTicket().value()).isEqualTo(ticket);
            assertThat(wx.calls("/cgi-bin/ticket/getticket")).hasSize(1);
            String page = "http://localhost:1/q/abc?x=1";
            String signature = JsApiSignature.sign(ticket, "abc", 42, page + "#frag");
            EmulatedUser user = wx.createUser(APP_ID, "甲");
            JsonNode checked = TestHttp.postJson(
                    wx.url("/emulator/users/" + user.openid() + "/jssdk/config"),
                    java.util.Map.of(
                            "appId", APP_ID, "nonceStr", "abc", "timestamp", 42, "signature", signature, "url", page));
            assertThat(checked.get("errMsg").asString()).isEqualTo("config:ok");
        }
    }
}
