package com.wxqr.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppJourney;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.app.system.UnguessableId;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.NewsArticle;
import com.wxqr.emulator.OpenResult;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * QRLJacking replayed against the running app and the emulator (issue #24): an attacker's browser
 * opens the login page, the code it shows reaches a visitor, and the visitor scans it. The attacker
 * stays logged out until the scanner confirms, in WeChat, on a page that names the attacker's
 * browser, system and address; a cancel, a forwarded card, a forged form or a second scanner log
 * nobody in. The same for an admin's {@code /admin/login}.
 */
@SafePassiveApp
class QrLoginJackingTest extends AppJourney {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ATTACKER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0";
    static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    /** A PC browser: its own cookies and User-Agent, no redirects followed. */
    final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        final String agent;

        Browser(String agent) {
            this.agent = agent;
        }

        HttpResponse<byte[]> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("User-Agent", agent)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        String state() throws Exception {
            return JSON.readTree(get("/login/status").body()).get("state").asString();
        }

        HttpCookie cookie(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** The attacker's browser shows {@code loginPage}'s code; {@code victim} scans it. The card WeChat shows. */
    NewsArticle scanAttackersCode(Browser attacker, String loginPage, EmulatedUser victim) throws Exception {
        assertThat(attacker.get(loginPage).statusCode()).isEqualTo(200);
        byte[] png = attacker.get("/login/qr.png").body();
        Delivery push = wx().scanImage(victim.openid(), png);
        assertThat(push.reply().articles())
                .as("the scan is answered with a card, not a login")
                .hasSize(1);
        return push.reply().articles().get(0);
    }

    static String token(OpenResult page) {
        Matcher m = TOKEN.matcher(page.body());
        assertThat(m.find()).as("the confirmation page has its forms").isTrue();
        return m.group(1);
    }

    OpenResult decide(EmulatedUser phone, OpenResult page, String decision) {
        return wx().submit(phone.openid(), page.finalUrl(), Map.of("token", token(page), "decision", decision));
    }

    String requestedFrom(Browser browser) {
        return jdbc.sql("select requested_from from login_code where browser_hash = :h")
                .param("h", UnguessableId.hash(browser.cookie("wxqr_login").getValue()))
                .query(String.class)
                .single();
    }

    @Test
    void theAttackersBrowserStaysLoggedOutUntilTheScannerConfirmsOnAPageNamingIt() throws Exception {
        EmulatedUser victim = newUser("受害人");
        var quote = app().createQuote(60, "2-1", "basic");
        wx().scanUrl(victim.openid(), quote.get("qr").get("url").asString());

        Browser attacker = new Browser(ATTACKER_AGENT);
        NewsArticle card = scanAttackersCode(attacker, "/login", victim);
        assertThat(card.title()).isEqualTo("在电脑上登录「焕新家装修报价」？");
        assertThat(card.description()).contains("Firefox 126 · Linux").contains(requestedFrom(attacker));

        // the scan alone logs nobody in
        assertThat(attacker.state()).isEqualTo("scanned");
        assertThat(attacker.get("/my").statusCode()).isEqualTo(302);
        assertThat(attacker.cookie("wxqr_session")).isNull();

        // a friend the card is forwarded to is not the scanner: nothing to confirm
        EmulatedUser friend = newUser("朋友");
        OpenResult forwarded = wx().open(friend.openid(), card.url());
        assertThat(forwarded.status()).isEqualTo(403);
        assertThat(forwarded.body()).contains("不是你扫码发起的").doesNotContain("confirm-yes");

        // the scanner's page: silent snsapi_base, then who asks, from where and when
        OpenResult page = wx().open(victim.openid(), card.url());
        assertThat(page.visited()).anyMatch(u -> u.contains("/connect/oauth2/authorize") && u.contains("snsapi_base"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("在电脑上登录「焕新家装修报价」？")
                .contains("Firefox 126")
                .contains("Linux")
                .contains(requestedFrom(attacker))
                .contains("确认登录")
                .contains("取消")
                .doesNotContain(victim.openid());
        assertThat(requestedFrom(attacker)).isEqualTo("127.0.0.1");
        assertThat(attacker.state()).isEqualTo("scanned");
        assertThat(attacker.cookie("wxqr_session")).isNull();

        // a form posted by another browser (no cookie of the page) decides nothing
        HttpResponse<String> forged = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(page.finalUrl()))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("decision=confirm&token="
                                        + URLEncoder.encode(token(page), StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(attacker.state()).isEqualTo("scanned");

        // only 确认登录 logs the browser in, once
        OpenResult confirmed = decide(victim, page, "confirm");
        assertThat(confirmed.body()).contains("已确认");
        assertThat(attacker.state()).isEqualTo("accepted");
        assertThat(attacker.get("/my").statusCode()).isEqualTo(200);
        assertThat(new String(attacker.get("/my").body(), StandardCharsets.UTF_8))
                .contains(quote.get("id").asString());
        assertThat(decide(victim, page, "confirm").status()).as("single use").isIn(400, 409);
        assertThat(wx().open(victim.openid(), card.url()).body()).contains("已处理或已过期");
    }

    @Test
    void aCancelledOrSecondScanLogsNobodyIn() throws Exception {
        EmulatedUser victim = newUser("谨慎的人");
        Browser attacker = new Browser(ATTACKER_AGENT);
        NewsArticle card = scanAttackersCode(attacker, "/login", victim);

        // a second scanner of the same code gets no card
        EmulatedUser second = newUser("第二个人");
        byte[] png = attacker.get("/login/qr.png").body();
        Delivery again = wx().scanImage(second.openid(), png);
        assertThat(again.reply().articles()).isEmpty();
        assertThat(again.reply().content()).contains("已经被使用");

        OpenResult page = wx().open(victim.openid(), card.url());
        assertThat(page.body()).contains("Firefox 126");
        assertThat(decide(victim, page, "cancel").body()).contains("已取消");
        assertThat(attacker.state()).isEqualTo("cancelled");
        assertThat(attacker.get("/my").statusCode()).isEqualTo(302);
        assertThat(attacker.cookie("wxqr_session")).isNull();
        // and the cancelled request cannot be confirmed afterwards
        assertThat(decide(victim, page, "confirm").status()).isIn(400, 409);
        assertThat(attacker.state()).isEqualTo("cancelled");
    }

    @Test
    void anAdminLoginIsAskedTooAuditedWithBrowserAndAddressAndAVisitorLoginNeverOpensAdmin() throws Exception {
        EmulatedUser admin = newUser("管理员甲");
        jdbc.sql("insert into admin_user (openid, added_at) values (:o, current_timestamp)")
                .param("o", admin.openid())
                .update();
        try {
            Browser attacker = new Browser(ATTACKER_AGENT);
            NewsArticle card = scanAttackersCode(attacker, "/admin/login", admin);
            assertThat(card.title()).isEqualTo("在电脑上登录「焕新家 · 管理后台」？");
            assertThat(attacker.state()).isEqualTo("scanned");
            assertThat(attacker.get("/admin").statusCode()).isEqualTo(302);

            OpenResult page = wx().open(admin.openid(), card.url());
            assertThat(page.body())
                    .contains("焕新家 · 管理后台")
                    .contains("Firefox 126")
                    .contains("Linux");
            assertThat(attacker.get("/admin").headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));
            decide(admin, page, "confirm");
            assertThat(attacker.state()).isEqualTo("accepted");
            assertThat(attacker.get("/admin").statusCode()).isEqualTo(200);
            assertThat(jdbc.sql("select detail from admin_audit where actor_openid = :o and action = 'login'")
                            .param("o", admin.openid())
                            .query(String.class)
                            .single())
                    .isEqualTo("Firefox 126 · Linux，127.0.0.1");

            // the same admin's WeChat logging in on the visitors' page gets 我的报价, not /admin
            Browser visitorPage = new Browser(ATTACKER_AGENT);
            NewsArticle visitorCard = scanAttackersCode(visitorPage, "/login", admin);
            decide(admin, wx().open(admin.openid(), visitorCard.url()), "confirm");
            assertThat(visitorPage.state()).isEqualTo("accepted");
            assertThat(visitorPage.get("/my").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> adminArea = visitorPage.get("/admin");
            assertThat(adminArea.statusCode()).isEqualTo(302);
            assertThat(adminArea.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));
            assertThat(new String(visitorPage.get("/admin/login").body(), StandardCharsets.UTF_8))
                    .contains("以访客身份");
        } finally {
            jdbc.sql("delete from admin_user where openid = :o")
                    .param("o", admin.openid())
                    .update();
        }
    }

    @Test
    void aNonAdminScanningTheAdminCodeIsRefusedAtOnce() throws Exception {
        Browser attacker = new Browser(ATTACKER_AGENT);
        attacker.get("/admin/login");
        EmulatedUser stranger = newUser("路人");
        Delivery push =
                wx().scanImage(stranger.openid(), attacker.get("/login/qr.png").body());
        assertThat(push.reply().articles()).isEmpty();
        assertThat(push.reply().content()).contains("您不是管理员");
        assertThat(attacker.state()).isEqualTo("refused");
    }
}
