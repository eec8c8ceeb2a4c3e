package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.emulator.http.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control API refuses what a page on another site could send it: non-JSON bodies and foreign origins. */
class ControlApiGuardTest {

    @RegisterExtension
    final WeChatEmulatorExtension extension = new WeChatEmulatorExtension();

    private static HttpResponse<String> post(URI uri, String contentType, String origin, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return TestHttp.send(b.build());
    }

    @Test
    void a_cross_site_form_post_is_refused_with_415_and_changes_nothing(WeChatEmulator wx) {
        var form = post(
                wx.url("/emulator/accounts"),
                "application/x-www-form-urlencoded",
                null,
                "appId=wx1111111111111111&callbackUrl=http%3A%2F%2Fevil.example%2F");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).contains("application/json");
        var text = post(wx.url("/emulator/accounts"), "text/plain", null, "{\"appId\":\"wx1111111111111111\"}");
        assertThat(text.statusCode()).isEqualTo(415);
        var multipart = post(wx.url("/emulator/accounts"), "multipart/form-data; boundary=x", null, "--x--");
        assertThat(multipart.statusCode()).isEqualTo(415);
        var untyped = post(wx.url("/emulator/accounts"), null, null, "{\"appId\":\"wx1111111111111111\"}");
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(wx.accounts()).isEmpty();
    }

    @Test
    void a_request_from_another_origin_is_refused_with_403_and_changes_nothing(WeChatEmulator wx) {
        var json = "{\"appId\":\"wx1111111111111111\"}";
        var foreign = post(wx.url("/emulator/accounts"), "application/json", "http://evil.example", json);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("http://evil.example");
        var otherPort =
                post(wx.url("/emulator/accounts"), "application/json", "http://localhost:" + (wx.port() + 1), json);
        assertThat(otherPort.statusCode()).isEqualTo(403);
        var opaque = post(wx.url("/emulator/accounts"), "application/json", "null", json);
        assertThat(opaque.statusCode()).isEqualTo(403);
        var read = TestHttp.send(HttpRequest.newBuilder(wx.url("/emulator/accounts"))
                .header("Origin", "http://evil.example")
                .GET()
                .build());
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(wx.accounts()).isEmpty();
    }

    @Test
    void json_from_its_own_origin_or_without_origin_is_served(WeChatEmulator wx) {
        var own = post(
                wx.url("/emulator/accounts"),
                "application/json; charset=utf-8",
                "http://localhost:" + wx.port(),
                "{\"appId\":\"wx1111111111111111\"}");
        assertThat(own.statusCode()).isEqualTo(201);
        var loopback = post(wx.url("/emulator/users"), "application/json", "http://127.0.0.1:" + wx.port(), "{}");
        assertThat(loopback.statusCode()).isEqualTo(201);
        String openid = TestHttp.json(loopback).get("openid").asString();
        var noOrigin = post(wx.url("/emulator/users/" + openid + "/follow"), "application/json", null, "{}");
        assertThat(noOrigin.statusCode()).isEqualTo(200);
        var noBody = TestHttp.send(HttpRequest.newBuilder(wx.url("/emulator/users/" + openid + "/unfollow"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(noBody.statusCode()).as(noBody.body()).isEqualTo(200);
        assertThat(Json.parseOrNull(noBody.body()).get("event").asString()).isEqualTo("unsubscribe");
    }

    @Test
    void the_wechat_hosts_are_not_guarded(WeChatEmulator wx) {
        wx.createAccount(NewAccount.of("wx2222222222222222", "s2"));
        var r = TestHttp.send(HttpRequest.newBuilder(wx.url("/cgi-bin/stable_token"))
                .header("Content-Type", "text/plain")
                .header("Origin", "http://elsewhere.example")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"grant_type\":\"client_credential\",\"appid\":\"wx2222222222222222\",\"secret\":\"s2\"}"))
                .build());
        assertThat(TestHttp.json(r).has("access_token")).isTrue();
    }
}
