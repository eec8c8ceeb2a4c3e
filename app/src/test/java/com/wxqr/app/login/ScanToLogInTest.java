package com.wxqr.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.AppJourney;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.app.system.UnguessableId;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scan to log in over real HTTP: a browser's login code scanned on the emulator logs that browser
 * (and no other) in, with the session in the database; 我的报价 lists exactly the scanner's quotes;
 * logging out ends the session.
 */
@SafePassiveApp
class ScanToLogInTest extends AppJourney {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A browser: its own cookies, no redirects followed. */
    final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

        HttpResponse<byte[]> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        String page(String path) throws Exception {
            return new String(get(path).body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        JsonNode status() throws Exception {
            return JSON.readTree(get("/login/status").body());
        }

        HttpResponse<String> post(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpCookie cookie(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    @Test
    void aScanOfTheLoginCodeLogsThatBrowserInAndMyQuotesShowsExactlyTheScannersQuotes() throws Exception {
        AppClient app = new AppClient(port);
        EmulatedUser me = demo.emulator().createUser(demo.appId(), "登录者");
        EmulatedUser other = demo.emulator().createUser(demo.appId(), "别人");
        JsonNode mine1 = app.createQuote(60, "2-1", "basic");
        JsonNode mine2 = app.createQuote(120, "3-2", "premium");
        JsonNode theirs = app.createQuote(75, "2-2", "standard");
        demo.emulator().scanUrl(me.openid(), mine1.get("qr").get("url").asString());
        demo.emulator().scanUrl(me.openid(), mine2.get("qr").get("url").asString());
        demo.emulator().scanUrl(other.openid(), theirs.get("qr").get("url").asString());

        Browser browser = new Browser();
        Browser bystander = new Browser();
        assertThat(browser.get("/my").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(browser.page("/login")).contains("微信扫码登录").contains("/login.js");
        assertThat(browser.status().get("state").asString()).isEqualTo("waiting");
        byte[] png = browser.get("/login/qr.png").body();

        Delivery push = demo.emulator().scanImage(me.openid(), png);
        assertThat(push.reply().content()).isEqualTo("您已在电脑上登录");

        assertThat(bystander.status().get("state").asString()).isEqualTo("none");
        JsonNode status = browser.status();
        assertThat(status.get("state").asString()).isEqualTo("accepted");
        assertThat(status.get("next").asString()).isEqualTo("/my");
        HttpCookie session = browser.cookie("wxqr_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(jdbc.sql("select count(*) from web_session where token_hash = :h")
                        .param("h", UnguessableId.hash(session.getValue()))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from web_session where token_hash = :t")
                        .param("t", session.getValue())
                        .query(Integer.class)
                        .single())
                .isZero();
        // the code is used once: the next poll starts no second session
        assertThat(browser.status().get("state").asString()).isEqualTo("used");

        String my = browser.page("/my");
        assertThat(my)
                .contains("我的报价")
                .contains(mine1.get("id").asString())
                .contains(mine2.get("id").asString())
                .doesNotContain(theirs.get("id").asString())
                .doesNotContain(me.openid());
        assertThat(my.indexOf(mine2.get("id").asString()))
                .isLessThan(my.indexOf(mine1.get("id").asString()));
        assertThat(bystander.get("/my").statusCode()).isEqualTo(302);

        // a second scan by someone else changes nothing
        assertThat(demo.emulator().scanImage(other.openid(), png).reply().content())
                .contains("已经被使用");

        browser.post("/logout");
        assertThat(browser.get("/my").statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from web_session where token_hash = :h")
                        .param("h", UnguessableId.hash(session.getValue()))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void anExpiredLoginCodeIsReportedAndLogsNobodyIn() throws Exception {
        Browser browser = new Browser();
        browser.page("/login");
        jdbc.sql("update login_code set expires_at = expires_at - interval '10' minute where browser_hash = :h")
                .param("h", UnguessableId.hash(browser.cookie("wxqr_login").getValue()))
                .update();
        EmulatedUser late = demo.emulator().createUser(demo.appId(), "迟到");
        assertThat(demo.emulator()
                        .scanImage(late.openid(), browser.get("/login/qr.png").body())
                        .reply()
                        .content())
                .contains("已过期");
        assertThat(browser.status().get("state").asString()).isEqualTo("expired");
        assertThat(browser.cookie("wxqr_session")).isNull();
        assertThat(List.of(browser.page("/login")))
                .allSatisfy(p -> assertThat(p).contains("login-qr"));
    }
}
