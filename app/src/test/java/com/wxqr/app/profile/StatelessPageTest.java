package com.wxqr.app.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppJourney;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.emulator.EmulatedUser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** No HTTP session anywhere; web authorization's state bound to the browser's cookie; forwarded headers ignored. */
@SafePassiveApp
class StatelessPageTest extends AppJourney {
    static final String WECHAT_UA = "Mozilla/5.0 MicroMessenger/8.0.49";

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(app().base() + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return app().send(b.build());
    }

    String ownedQuote() {
        JsonNode quote = app().createQuote();
        EmulatedUser owner = demo.emulator().createUser(demo.appId(), "无状态");
        demo.emulator().scanUrl(owner.openid(), quote.get("qr").get("url").asString());
        return quote.get("id").asString();
    }

    @Test
    void anonymousPageViewsSetNoCookie() {
        String id = ownedQuote();
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> page = get("/q/" + id);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().allValues("Set-Cookie")).as("view %d", i).isEmpty();
        }
        for (String path : List.of("/", "/quotes/" + id, "/api/quotes/" + id)) {
            assertThat(get(path).headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
    }

    @Test
    void insideWeChatOnlyTheBrowserCookieIsSetAndTheStateIsAcceptedOnceFromThatBrowser() {
        String id = ownedQuote();
        HttpResponse<String> page = get("/q/" + id, "User-Agent", WECHAT_UA);
        assertThat(page.statusCode()).isEqualTo(302);
        String location = page.headers().firstValue("Location").orElseThrow();
        String state = location.replaceAll(".*[?&]state=([A-Za-z0-9]+).*", "$1");
        assertThat(state).hasSize(32);
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies)
                .singleElement()
                .satisfies(cookie -> assertThat(cookie)
                        .startsWith("wxqr_oauth=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax")
                        .contains("Max-Age=600")
                        .doesNotContain("Secure")
                        .doesNotContain("JSESSIONID"));
        String browser = cookies.get(0).substring(0, cookies.get(0).indexOf(';'));

        assertThat(get("/oauth/wechat?state=" + state).statusCode())
                .as("no cookie")
                .isEqualTo(400);
        assertThat(get("/oauth/wechat?state=" + state, "Cookie", "wxqr_oauth=AAAAAAAAAAAAAAAAAAAAAA")
                        .statusCode())
                .as("another browser")
                .isEqualTo(400);
        HttpResponse<String> back = get("/oauth/wechat?state=" + state, "Cookie", browser); // declined: no code
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/q/" + id);
        assertThat(get("/oauth/wechat?state=" + state, "Cookie", browser).statusCode())
                .as("replayed")
                .isEqualTo(400);

        HttpResponse<String> again = get("/q/" + id, "User-Agent", WECHAT_UA, "Cookie", browser);
        assertThat(again.statusCode()).as("already tried: no loop").isEqualTo(200);
        assertThat(again.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnoredByTheRateLimit() {
        String id = app().createQuote().get("id").asString();
        // the context allows 25 codes per client; every request claims another address
        int tooMany = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> renew = app().send(
                            HttpRequest.newBuilder(URI.create(app().base() + "/api/quotes/" + id + "/qr?fresh=" + i))
                                    .header("X-Forwarded-For", "198.51.100." + i)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build());
            tooMany += renew.statusCode() == 429 ? 1 : 0;
        }
        assertThat(tooMany).isZero(); // a valid code is reused, so renewals cost nothing ...
        int created = 0;
        boolean refused = false;
        for (int i = 0; i < 30 && !refused; i++) {
            HttpResponse<String> quote = app().send(HttpRequest.newBuilder(URI.create(app().base() + "/api/quotes"))
                    .header("Content-Type", "application/json")
                    .header("X-Forwarded-For", "198.51.100." + i)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"usableArea\":60,\"layout\":\"2-1\",\"grade\":\"basic\"}"))
                    .build());
            refused = quote.statusCode() == 429;
            created += quote.statusCode() == 201 ? 1 : 0;
        }
        assertThat(refused)
                .as("... but new codes from one peer, whatever it claims, hit the limit")
                .isTrue();
        assertThat(created).isLessThanOrEqualTo(25);
    }
}
