package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Unverified accounts (48001) and the IP whitelist (40164 naming the caller), set through the control API. */
class AccountRestrictionsTest {
    private static final String APP_ID = "wx4016440164401644";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @RegisterExtension
    final EmulatorWithAccount emulator = new EmulatorWithAccount(NewAccount.of(APP_ID, SECRET));

    private WeChatEmulator wx;

    @BeforeEach
    void start() {
        wx = emulator.emulator();
    }

    private JsonNode classicToken() {
        return TestHttp.getJson(
                wx.url("/cgi-bin/token?grant_type=client_credential&appid=" + APP_ID + "&secret=" + SECRET));
    }

    private JsonNode stableToken() {
        return TestHttp.postJson(
                wx.url("/cgi-bin/stable_token"),
                "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP_ID + "\",\"secret\":\"" + SECRET + "\"}");
    }

    @Test
    void aCallerOutsideTheWhitelistGets40164NamingItsAddress() {
        String token = TestHttp.accessToken(wx, APP_ID, SECRET);
        var restricted = TestHttp.post(
                wx.url("/emulator/accounts/" + APP_ID + "/restrictions"), "{\"ipWhitelist\":[\"203.0.113.7\"]}");
        assertThat(restricted.statusCode()).isEqualTo(200);
        assertThat(restricted.body()).as("secrets masked").doesNotContain(SECRET);

        for (JsonNode refused : List.of(classicToken(), stableToken(), TestHttp.createCode(wx, token, "s1"))) {
            assertThat(refused.get("errcode").asInt()).isEqualTo(40164);
            assertThat(refused.get("errmsg").asString())
                    .startsWith("invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist rid: ");
        }

        wx.restrictAccount(APP_ID, true, List.of("203.0.113.7", "127.0.0.1"));
        assertThat(classicToken().has("access_token")).isTrue();
        assertThat(stableToken().has("access_token")).isTrue();
    }

    @Test
    void anUnverifiedAccountGets48001ForParametricCodesAndWebAuthorization() {
        String token = TestHttp.accessToken(wx, APP_ID, SECRET);
        TestHttp.post(wx.url("/emulator/accounts/" + APP_ID + "/restrictions"), "{\"verified\":false}");

        assertThat(TestHttp.createCode(wx, token, "s1").get("errcode").asInt()).isEqualTo(48001);
        JsonNode exchange = TestHttp.getJson(wx.url("/sns/oauth2/access_token?appid=" + APP_ID + "&secret=" + SECRET
                + "&code=anycode&grant_type=authorization_code"));
        assertThat(exchange.get("errcode").asInt()).isEqualTo(48001);
        assertThat(exchange.get("errmsg").asString()).startsWith("api unauthorized");

        wx.restrictAccount(APP_ID, true, null);
        assertThat(TestHttp.createCode(wx, token, "s1").has("ticket")).isTrue();
    }

    @Test
    void badRestrictionsAreRefusedWith400() {
        var url = wx.url("/emulator/accounts/" + APP_ID + "/restrictions");
        assertThat(TestHttp.post(url, "{\"verified\":\"no\"}").statusCode()).isEqualTo(400);
        assertThat(TestHttp.post(url, "{\"ipWhitelist\":\"1.2.3.4\"}").statusCode())
                .isEqualTo(400);
        assertThat(TestHttp.post(url, "{\"ipWhitelist\":[\"not an ip\"]}").statusCode())
                .isEqualTo(400);
        assertThat(TestHttp.post(wx.url("/emulator/accounts/wxNobody/restrictions"), "{}")
                        .statusCode())
                .isEqualTo(404);
    }
}
