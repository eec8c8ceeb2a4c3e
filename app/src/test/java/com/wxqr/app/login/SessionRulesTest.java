package com.wxqr.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppJourney;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.app.system.SqlTime;
import com.wxqr.app.system.UnguessableId;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.NewsArticle;
import com.wxqr.emulator.OpenResult;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Sessions end after {@code wxqr.login.idle-timeout} (2 hours here) without a request, while
 * requests keep a session alive (its last activity is written down at most once a minute).
 */
@SafePassiveApp
class SessionRulesTest extends AppJourney {
    final CookieManager cookies = new CookieManager();
    final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

    int get(String path) throws Exception {
        return browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    String sessionHash() {
        HttpCookie session = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("wxqr_session"))
                .findFirst()
                .orElseThrow();
        return UnguessableId.hash(session.getValue());
    }

    void idleFor(Duration idle) {
        jdbc.sql("update web_session set last_seen_at = :at where token_hash = :h")
                .param("at", SqlTime.param(Instant.now().minus(idle)))
                .param("h", sessionHash())
                .update();
    }

    Instant lastSeen() {
        return jdbc.sql("select last_seen_at from web_session where token_hash = :h")
                .param("h", sessionHash())
                .query((rs, n) -> SqlTime.read(rs, "last_seen_at"))
                .single();
    }

    @Test
    void anIdleSessionEndsAndAnActiveOneLives() throws Exception {
        EmulatedUser me = newUser("常来的人");
        get("/login");
        byte[] png = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login/qr.png"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
        NewsArticle card = wx().scanImage(me.openid(), png).reply().articles().get(0);
        OpenResult page = wx().open(me.openid(), card.url());
        Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        wx().submit(me.openid(), page.finalUrl(), Map.of("token", token.group(1), "decision", "confirm"));
        get("/login/status"); // takes the session
        assertThat(get("/my")).isEqualTo(200);

        // a request within the idle timeout keeps the session and notes the activity
        idleFor(Duration.ofMinutes(119));
        assertThat(get("/my")).isEqualTo(200);
        assertThat(lastSeen()).isAfter(Instant.now().minus(Duration.ofMinutes(1)));

        // two hours without a request end it
        idleFor(Duration.ofMinutes(121));
        assertThat(get("/my")).isEqualTo(302);
        assertThat(get("/login/status")).isEqualTo(200);
    }
}
