package com.wxqr.emulator;

import static com.wxqr.emulator.AccessTokenTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.emulator.qrcode.QrImages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** {@code qrcode/create} and {@code showqrcode} (docs/PROTOCOL.md#parametric-qr-codes). */
class QrCodeTest {

    private static final String APP_ID = "wx2222222222222222";
    private static final String SECRET = "secret2";

    @RegisterExtension
    final EmulatorWithAccount emulator = new EmulatorWithAccount(
            EmulatorSettings.builder().permanentQrLimit(2).build(), NewAccount.of(APP_ID, SECRET));

    private WeChatEmulator wx;
    private String token;

    @BeforeEach
    void start() {
        wx = emulator.emulator();
        token = emulator.accessToken();
    }

    private JsonNode create(String body) {
        return TestHttp.postJson(wx.url("/cgi-bin/qrcode/create?access_token=" + token), body);
    }

    @Test
    void temporary_string_scene_gets_an_opaque_ticket_and_a_weixin_url() {
        JsonNode r = create(
                "{\"expire_seconds\":604800,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"test\"}}}");
        assertThat(r.has("errcode")).isFalse();
        assertThat(r.get("expire_seconds").asInt()).isEqualTo(604800);
        assertThat(r.get("url").asString()).matches("http://weixin\\.qq\\.com/q/[A-Za-z0-9]{20,}");
        String ticket = r.get("ticket").asString();
        assertThat(Base64.getDecoder().decode(ticket)).isNotEmpty();
        assertThat(new String(Base64.getDecoder().decode(ticket), StandardCharsets.ISO_8859_1))
                .contains(r.get("url").asString());
    }

    @Test
    void temporary_code_defaults_to_60_seconds_and_is_clamped_at_30_days() {
        JsonNode r = create("{\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":123}}}");
        assertThat(r.get("expire_seconds").asInt()).isEqualTo(60);
        JsonNode big = create(
                "{\"expire_seconds\":99999999,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":4294967295}}}");
        assertThat(big.get("expire_seconds").asInt()).isEqualTo(2592000);
    }

    @Test
    void permanent_codes_have_no_expiry_and_a_limited_number() {
        JsonNode r = create("{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":100000}}}");
        assertThat(r.has("expire_seconds")).isFalse();
        assertThat(r.get("ticket").asString()).isNotBlank();
        JsonNode s =
                create("{\"action_name\":\"QR_LIMIT_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"p\"}}}");
        assertThat(s.get("url").asString()).startsWith("http://weixin.qq.com/q/");
        assertError(
                create("{\"action_name\":\"QR_LIMIT_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"q\"}}}"),
                40053);
    }

    @Test
    void bad_bodies_get_40052_and_40053() {
        assertError(create("{\"action_name\":\"QR_TEMP\",\"action_info\":{\"scene\":{\"scene_id\":1}}}"), 40052);
        assertError(create("{not json"), 40052);
        assertError(
                create("{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"" + "x".repeat(65)
                        + "\"}}}"),
                40053);
        assertError(create("{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":5}}}"), 40053);
        assertError(
                create("{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"\"}}}"), 40053);
        assertError(
                create("{\"action_name\":\"QR_LIMIT_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":100001}}}"),
                40053);
        assertError(create("{\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":0}}}"), 40053);
        assertError(create("{\"action_name\":\"QR_SCENE\"}"), 40053);
        assertError(create(""), 44002);
    }

    @Test
    void without_the_scene_wrapper_the_code_carries_scene_zero() {
        JsonNode r = create("{\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene_id\":123}}");
        assertThat(wx.qrCodes(APP_ID)).anySatisfy(c -> {
            assertThat(c.ticket()).isEqualTo(r.get("ticket").asString());
            assertThat(c.scene()).isEqualTo("0");
        });
    }

    @Test
    void showqrcode_returns_a_png_that_decodes_to_the_ticket_url() {
        JsonNode r = create(
                "{\"expire_seconds\":300,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"quote-42\"}}}");
        String ticket = r.get("ticket").asString();
        var png = TestHttp.getBytes(
                wx.url("/cgi-bin/showqrcode?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8)));
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(QrImages.decode(png.body())).isEqualTo(r.get("url").asString());
    }

    @Test
    void showqrcode_answers_404_for_unknown_unencoded_and_expired_tickets() {
        JsonNode r = create(
                "{\"expire_seconds\":60,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":7}}}");
        String ticket = r.get("ticket").asString();
        assertThat(TestHttp.getBytes(wx.url("/cgi-bin/showqrcode?ticket=nope")).statusCode())
                .isEqualTo(404);
        if (ticket.contains("+")) {
            // '+' not encoded arrives as a space: a real server does not know that ticket either
            assertThat(TestHttp.getBytes(wx.url("/cgi-bin/showqrcode?ticket="
                                    + ticket.replace("/", "%2F").replace("=", "%3D")))
                            .statusCode())
                    .isEqualTo(404);
        }
        wx.advanceClock(Duration.ofSeconds(60));
        assertThat(TestHttp.getBytes(wx.url(
                                "/cgi-bin/showqrcode?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8)))
                        .statusCode())
                .isEqualTo(404);
        assertThat(wx.qrCodes(APP_ID)).isEmpty();
    }

    @Test
    void qr_daily_quota_and_injected_errors() {
        wx.addFault(FaultSpec.error("/cgi-bin/qrcode/create", -1, 2));
        String body = "{\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":1}}}";
        assertError(create(body), -1);
        assertThat(create(body).get("errmsg").asString()).startsWith("system error rid: ");
        assertThat(create(body).has("ticket")).isTrue();
        assertThat(wx.faults()).isEmpty();
    }
}
