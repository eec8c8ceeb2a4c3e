package com.wxqr.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppJourney;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.emulator.EmulatedUser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin forms' CSRF tokens over real HTTP (issue #27): a post with the token its page gave
 * goes through however many images, JSON answers and pages were fetched in between; a post with a
 * missing, short, non-base64 or altered token, or without the token's cookie, or with a token from
 * another login session, gets 403 (never a 500) with a sentence saying to reload the page, and
 * changes nothing.
 */
@SafePassiveApp
class AdminCsrfTest extends AppJourney {
    static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    Admins admins;

    EmulatedUser boss;

    /** A logged-in admin's browser that posts the channel form. */
    final class Browser extends AdminBrowser {
        /** The CSRF token in the channel form of a freshly fetched channels page. */
        String formToken() throws Exception {
            Matcher m = FORM_TOKEN.matcher(get("/admin/channels").body());
            assertThat(m.find()).as("the channels page has a token in its form").isTrue();
            return m.group(1);
        }

        /** Posts the channel form named {@code name} with {@code token} (none when null) and the given cookies. */
        HttpResponse<String> createChannel(String name, String token, String cookieHeader) throws Exception {
            String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&welcome=hi"
                    + (token == null ? "" : "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/channels"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("Accept", "text/html")
                                    .header("Cookie", cookieHeader)
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> createChannel(String name, String token) throws Exception {
            return createChannel(
                    name, token, "wxqr_session=" + cookie("wxqr_session") + "; XSRF-TOKEN=" + cookie("XSRF-TOKEN"));
        }
    }

    @BeforeEach
    void anAdmin() {
        boss = newUser("令牌老板");
        admins.add(boss.openid(), null);
    }

    @AfterEach
    void noMoreAdmin() {
        jdbc.sql("delete from admin_user where openid = :openid")
                .param("openid", boss.openid())
                .update();
    }

    int channels(String name) {
        return jdbc.sql("select count(*) from channel where name = :name")
                .param("name", name)
                .query(Integer.class)
                .single();
    }

    static void assertCreated(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/admin/channels?created");
    }

    static void assertKeepsTheToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie"))
                .as("%s leaves the CSRF cookie alone", response.uri())
                .noneMatch(c -> c.startsWith("XSRF-TOKEN="));
    }

    @Test
    void theTokenAPageGaveStillWorksAfterImagesJsonAndOtherPagesWereFetched() throws Exception {
        Browser browser = new Browser();
        browser.logIn(boss);
        String token = browser.formToken();
        assertCreated(browser.createChannel("令牌渠道一", token));

        String id = jdbc.sql("select id from channel where name = '令牌渠道一'")
                .query(String.class)
                .single();
        assertKeepsTheToken(browser.get("/admin/channels/" + id + "/qr.png"));
        assertKeepsTheToken(browser.get("/admin/api/funnel"));
        assertKeepsTheToken(browser.get("/admin/admins"));
        assertKeepsTheToken(browser.get("/admin/channels"));
        // the same page's token, a second time (a second form, another tab)
        assertCreated(browser.createChannel("令牌渠道二", token));
        assertThat(channels("令牌渠道一") + channels("令牌渠道二")).isEqualTo(2);
    }

    @Test
    void missingShortNotBase64AndAlteredTokensGet403AndChangeNothing() throws Exception {
        Browser browser = new Browser();
        browser.logIn(boss);
        String token = browser.formToken();
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        // valid base64 whose last bytes unmask to bytes that are not UTF-8
        byte[] notUtf8 = bytes.clone();
        notUtf8[notUtf8.length - 1] ^= (byte) 0x80;
        notUtf8[notUtf8.length - 2] ^= (byte) 0x80;
        // valid base64 whose last byte unmasks to another ASCII character
        byte[] otherAscii = bytes.clone();
        otherAscii[otherAscii.length - 1] ^= 0x01;

        String name = "伪造令牌渠道";
        for (String forged : new String[] {
            null,
            "",
            "abc",
            token.substring(0, token.length() / 2),
            "not base64 at all!",
            Base64.getUrlEncoder().encodeToString(notUtf8),
            Base64.getUrlEncoder().encodeToString(otherAscii)
        }) {
            HttpResponse<String> refused = browser.createChannel(name, forged);
            assertThat(refused.statusCode()).as("token %s", forged).isEqualTo(403);
            assertThat(refused.body()).contains("页面已过期或请求无效，请刷新页面后重试");
        }
        // the right token without its cookie
        assertThat(browser.createChannel(name, token, "wxqr_session=" + browser.cookie("wxqr_session"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(channels(name)).isZero();

        assertCreated(browser.createChannel(name, token));
        assertThat(channels(name)).isOne();
    }

    @Test
    void aTokenFromAnotherLoginSessionIsRefused() throws Exception {
        Browser first = new Browser();
        first.logIn(boss);
        String token = first.formToken();
        String cookie = first.cookie("XSRF-TOKEN");

        // another browser's session with the first one's cookie and token
        Browser other = new Browser();
        other.logIn(boss);
        String name = "别的会话的渠道";
        assertThat(other.createChannel(
                                name, token, "wxqr_session=" + other.cookie("wxqr_session") + "; XSRF-TOKEN=" + cookie)
                        .statusCode())
                .isEqualTo(403);

        // the same browser after logging out and in again: the token from before is refused, a new page's works
        assertThat(first.http
                        .send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/logout"))
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(302);
        first.logIn(boss);
        assertThat(first.cookie("XSRF-TOKEN")).isEqualTo(cookie);
        assertThat(first.createChannel(name, token).statusCode()).isEqualTo(403);
        assertThat(channels(name)).isZero();
        assertCreated(first.createChannel(name, first.formToken()));
    }
}
