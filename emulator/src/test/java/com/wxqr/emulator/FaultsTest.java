package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.emulator.http.Json;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Faults on the WeChat endpoints used by the app's fault tests: latency per path and stalled bodies. */
class FaultsTest {

    private static final String TOKEN_URL =
            "/cgi-bin/token?grant_type=client_credential&appid=wx3333333333333333&secret=s3";

    @RegisterExtension
    final WeChatEmulatorExtension extension = new WeChatEmulatorExtension();

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void stall_body_sends_headers_and_half_the_body_then_stalls_before_the_rest(WeChatEmulator wx) throws Exception {
        wx.createAccount(NewAccount.of("wx3333333333333333", "s3"));
        JsonNode fault = TestHttp.postJson(
                wx.url("/emulator/faults"),
                Json.object()
                        .put("type", "stall_body")
                        .put("path", "/cgi-bin/token")
                        .put("millis", 1500));
        assertThat(fault.get("count").asInt()).isEqualTo(1);

        long start = System.nanoTime();
        // java.net.http's request timeout stops at the headers, so it does not fire here: the point of the fault.
        HttpResponse<InputStream> response = TestHttp.CLIENT.send(
                HttpRequest.newBuilder(wx.url(TOKEN_URL))
                        .timeout(Duration.ofMillis(1000))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long headersAfter = millisSince(start);
        assertThat(response.statusCode()).isEqualTo(200);
        long declared = response.headers().firstValueAsLong("Content-Length").orElseThrow();
        try (InputStream in = response.body()) {
            byte[] first = in.readNBytes((int) declared / 2);
            long firstHalfAfter = millisSince(start);
            byte[] rest = in.readAllBytes();
            long restAfter = millisSince(start);
            assertThat(headersAfter).isLessThan(1000);
            assertThat(firstHalfAfter).isLessThan(1000);
            assertThat(restAfter).isGreaterThanOrEqualTo(1500);
            String body = new String(first, StandardCharsets.UTF_8) + new String(rest, StandardCharsets.UTF_8);
            assertThat(body.length()).isEqualTo((int) declared);
            assertThat(Json.parseOrNull(body).get("access_token").asString()).isNotBlank();
        }

        long again = System.nanoTime();
        assertThat(TestHttp.getJson(wx.url(TOKEN_URL)).has("access_token")).isTrue();
        assertThat(millisSince(again)).isLessThan(1000);
        assertThat(wx.faults()).isEmpty();
        assertThat(wx.calls("/cgi-bin/token")).hasSize(2);
    }

    @Test
    void stall_body_stalls_long_unless_told_otherwise_and_needs_a_path(WeChatEmulator wx) {
        FaultSpec stored =
                wx.addFault(new FaultSpec("stall_body", "/cgi-bin/qrcode/create", null, null, 2, null, null, null));
        assertThat(stored.millis()).isEqualTo(300_000L);
        assertThat(stored.count()).isEqualTo(2);
        var noPath = TestHttp.post(wx.url("/emulator/faults"), "{\"type\":\"stall_body\",\"millis\":10}");
        assertThat(noPath.statusCode()).isEqualTo(400);
        assertThat(noPath.body()).contains("path is required");
    }

    @Test
    void latency_on_the_token_and_custom_send_paths_delays_only_those_calls(WeChatEmulator wx) {
        wx.createAccount(NewAccount.of("wx3333333333333333", "s3"));
        wx.addFault(FaultSpec.latency("/cgi-bin/token", 700, 2));
        wx.addFault(FaultSpec.latency("/cgi-bin/message/custom/send", 900, 1));

        long start = System.nanoTime();
        String token = TestHttp.getJson(wx.url(TOKEN_URL)).get("access_token").asString();
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(700);

        start = System.nanoTime();
        TestHttp.getJson(wx.url("/cgi-bin/user/info?access_token=" + token + "&openid=nobody"));
        assertThat(millisSince(start)).isLessThan(700);

        start = System.nanoTime();
        JsonNode sent = TestHttp.postJson(
                wx.url("/cgi-bin/message/custom/send?access_token=" + token),
                Json.object()
                        .put("touser", "nobody")
                        .put("msgtype", "text")
                        .set("text", Json.object().put("content", "hi")));
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(900);
        assertThat(sent.get("errcode").asInt()).isEqualTo(40003);

        start = System.nanoTime();
        TestHttp.getJson(wx.url(TOKEN_URL));
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(700);
        assertThat(wx.faults()).isEmpty();
    }
}
