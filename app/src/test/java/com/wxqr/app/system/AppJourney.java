package com.wxqr.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.demo.DemoEmulator;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.OpenResult;
import com.wxqr.emulator.WeChatEmulator;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a journey test needs from the running app (a {@code @SpringBootTest} on a random port in demo
 * mode): a client for its pages and API, the in-process emulator, new WeChat users of the demo
 * account, and the database.
 */
public abstract class AppJourney {
    private static final Pattern CONFIRMATION_TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    @LocalServerPort
    protected int port;

    @Autowired
    protected DemoEmulator demo;

    @Autowired
    protected JdbcClient jdbc;

    protected AppClient app() {
        return new AppClient(port);
    }

    protected WeChatEmulator wx() {
        return demo.emulator();
    }

    protected EmulatedUser newUser(String nickname) {
        return wx().createUser(demo.appId(), nickname);
    }

    protected int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    /** A browser over plain HTTP: its own cookies, no redirects followed; it can log in to the admin area. */
    protected class AdminBrowser {
        public final CookieManager cookies = new CookieManager();
        public final HttpClient http =
                HttpClient.newBuilder().cookieHandler(cookies).build();

        public HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Logs in as {@code admin}: scans the admin login code, confirms on the phone, polls as the page does. */
        public void logIn(EmulatedUser admin) throws Exception {
            get("/admin/login");
            byte[] png = http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login/qr.png"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body();
            confirmLogin(admin, wx().scanImage(admin.openid(), png));
            assertThat(get("/login/status").body()).contains("accepted");
            assertThat(cookie("wxqr_session")).as("logged in").isNotNull();
        }

        public String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElse(null);
        }
    }

    /** The scanner of a login code taps the card its scan got and 确认登录 on the page it opens in WeChat. */
    protected void confirmLogin(EmulatedUser scanner, Delivery scan) {
        confirmLogin(wx(), scanner, scan);
    }

    /** As {@link #confirmLogin(EmulatedUser, Delivery)}, on {@code wx}. */
    public static void confirmLogin(WeChatEmulator wx, EmulatedUser scanner, Delivery scan) {
        OpenResult page =
                wx.open(scanner.openid(), scan.reply().articles().get(0).url());
        Matcher token = CONFIRMATION_TOKEN.matcher(page.body());
        assertThat(token.find()).as("the confirmation page has its token").isTrue();
        OpenResult done =
                wx.submit(scanner.openid(), page.finalUrl(), Map.of("token", token.group(1), "decision", "confirm"));
        assertThat(done.body()).contains("已确认");
    }
}
