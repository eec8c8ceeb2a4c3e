package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.wxqr.emulator.http.Json;
import com.wxqr.mp.callback.ScanEvent;
import com.wxqr.mp.callback.SubscribeEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * 长按识别二维码: a user long-presses a code's picture on a page inside WeChat. The emulator fetches the picture as that
 * user, decodes it and acts as a scan: the profile page for a non-follower, the same pushes. Pictures come from a real
 * page server on loopback that records how it was asked.
 */
class RecognizeInPageTest {

    private static final String APP_ID = "wx5555555555555555";

    @RegisterExtension
    final EmulatorWithAccount emulator = EmulatorWithAccount.withDeveloper(
            EmulatorSettings.builder().pushTimeout(Duration.ofSeconds(3)).build(),
            NewAccount.of(APP_ID, "s5").withToken("tok5"));

    private WeChatEmulator wx;
    private String openid;
    private String ticket;
    private byte[] png;
    private HttpServer site;
    private final List<String> userAgents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        wx = emulator.emulator();
        openid = wx.createUser(APP_ID, "阿五").openid();
        ticket = TestHttp.createCode(wx, emulator.accessToken(), "q-55")
                .get("ticket")
                .asString();
        png = TestHttp.getBytes(
                        wx.url("/cgi-bin/showqrcode?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8)))
                .body();
        // the site that shows the code: its own copy of the picture, a moved one, and a missing one
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/code.png", ex -> {
            userAgents.add(ex.getRequestHeaders().getFirst("User-Agent"));
            ex.getResponseHeaders().set("Content-Type", "image/png");
            ex.sendResponseHeaders(200, png.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(png);
            }
        });
        site.createContext("/moved.png", ex -> {
            ex.getResponseHeaders().set("Location", "/code.png");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        site.createContext("/missing.png", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        site.start();
    }

    @AfterEach
    void stop() {
        site.stop(0);
    }

    private String siteUrl(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    private HttpResponse<String> recognize(Object body) {
        return TestHttp.post(wx.url("/emulator/users/" + openid + "/recognize"), Json.write(body));
    }

    @Test
    void a_non_follower_who_long_presses_the_code_sees_the_profile_page_and_following_pushes_the_scene() {
        JsonNode recognized = TestHttp.json(
                recognize(Json.object().put("url", siteUrl("/code.png")).put("follow", false)));
        assertThat(recognized.get("outcome").asString()).isEqualTo("not_followed");
        assertThat(recognized.get("ticket").asString()).isEqualTo(ticket);
        assertThat(emulator.developer().pushes()).isEmpty();
        assertThat(wx.user(openid).profilePage()).isEqualTo(ticket);
        assertThat(userAgents)
                .as("the picture is fetched by WeChat's browser")
                .singleElement()
                .asString()
                .contains("MicroMessenger/");

        Delivery follow = wx.follow(openid, null);
        assertThat(follow.event()).isEqualTo("subscribe");
        assertThat(follow.eventKey()).isEqualTo("qrscene_q-55");
        assertThat(follow.ticket()).isEqualTo(ticket);
        assertThat(emulator.developer().pushes())
                .singleElement()
                .satisfies(p -> assertThat(p.opened().message()).isInstanceOfSatisfying(SubscribeEvent.class, e -> {
                    assertThat(e.fromQrCode()).isTrue();
                    assertThat(e.qrScene()).hasValue("q-55");
                }));
        assertThat(wx.user(openid).subscribeScene()).isEqualTo("ADD_SCENE_QR_CODE");
    }

    @Test
    void a_follower_who_long_presses_the_code_pushes_scan_with_the_scene_and_redirects_are_followed() {
        wx.follow(openid, null);
        Delivery scan = wx.recognize(openid, siteUrl("/moved.png"), false);
        assertThat(scan.event()).isEqualTo("SCAN");
        assertThat(scan.eventKey()).isEqualTo("q-55");
        assertThat(emulator.developer().pushes())
                .last()
                .satisfies(p -> assertThat(p.opened().message()).isInstanceOf(ScanEvent.class));
    }

    @Test
    void a_data_url_picture_is_read_too_and_by_default_the_user_follows_at_once() {
        JsonNode subscribe = TestHttp.json(recognize(Json.object()
                .put("url", "data:image/png;base64," + Base64.getEncoder().encodeToString(png))));
        assertThat(subscribe.get("event").asString()).isEqualTo("subscribe");
        assertThat(subscribe.get("eventKey").asString()).isEqualTo("qrscene_q-55");
        assertThat(userAgents).isEmpty();
    }

    @Test
    void pictures_that_cannot_be_recognized_are_refused_with_a_reason_and_nothing_is_pushed() {
        assertRefused(Json.object().put("url", siteUrl("/missing.png")), 400, "answered HTTP 404");
        assertRefused(Json.object().put("url", wx.user(openid).headimgurl()), 400, "no QR code found in the image");
        assertRefused(Json.object().put("url", "ftp://example.com/code.png"), 400, "absolute http(s) URL");
        assertRefused(Json.object(), 400, "absolute http(s) URL");
        assertRefused(Json.object().put("url", "data:image/png,abc"), 400, "base64");
        assertRefused(Json.object().put("url", "http://127.0.0.1:" + unusedPort() + "/code.png"), 502, "cannot");
        assertThat(emulator.developer().pushes()).isEmpty();
        assertThat(wx.user(openid).profilePage()).isNull();
    }

    private void assertRefused(Object body, int status, String reason) {
        HttpResponse<String> response = recognize(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestHttp.json(response).get("error").asString()).contains(reason);
    }

    private static int unusedPort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
