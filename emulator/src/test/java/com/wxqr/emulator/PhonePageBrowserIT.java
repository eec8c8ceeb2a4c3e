package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.wxqr.emulator.browser.Chromium;
import com.wxqr.emulator.browser.PhonePage;
import com.wxqr.emulator.http.Exchange;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The phone page in real Chromium: create a user, scan an issued code (the account's profile page: 返回, then
 * scan again and 关注公众号), see the news card the developer's server replied with, tap it, consent to web
 * authorization, and land on the developer's page that shows the user's nickname; then scan an uploaded picture
 * of the code, write, tap a menu item, and change avatar and nickname.
 */
class PhonePageBrowserIT {

    private static final String APP_ID = "wx0a0a0a0a0a0a0a0a";
    private static final String SECRET = "secretA";
    private static final String TOKEN = "tokenA";
    private static final String AES_KEY = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private WeChatEmulator wx;
    private CallbackServer developer;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        wx = WeChatEmulator.start(
                EmulatorSettings.builder().pushTimeout(Duration.ofSeconds(3)).build());
        developer = new CallbackServer(TOKEN, APP_ID, AES_KEY);
        // The developer's quote page: asks WeChat who the visitor is, then greets them.
        developer.server().createContext("/quote/", ex -> {
            String redirect =
                    developer.pageBase + "/cb" + ex.getRequestURI().getPath().substring("/quote".length());
            String authorize = wx.url("/connect/oauth2/authorize") + "?appid=" + APP_ID + "&redirect_uri="
                    + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                    + "&response_type=code&scope=snsapi_userinfo&state=q1#wechat_redirect";
            ex.getResponseHeaders().add("Location", authorize);
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        developer.server().createContext("/cb/", this::greet);
        developer.server().createContext("/pic.png", ex -> {
            byte[] png = com.wxqr.emulator.users.Avatars.png("news-picture", 200);
            ex.getResponseHeaders().set("Content-Type", "image/png");
            ex.sendResponseHeaders(200, png.length);
            ex.getResponseBody().write(png);
            ex.close();
        });
        wx.createAccount(NewAccount.of(APP_ID, SECRET)
                .withToken(TOKEN)
                .withEncodingAesKey(AES_KEY)
                .withCallbackUrl(developer.url())
                .withMode("safe")
                .withName("装修报价"));

        browser = Chromium.start("--window-size=480,960");
        Files.createDirectories(SCREENSHOTS);
    }

    private void greet(HttpExchange ex) throws IOException {
        Map<String, String> q = Exchange.parseQuery(ex.getRequestURI().getRawQuery());
        String html;
        if (q.get("code") == null) {
            html = "<h1 id=\"greeting\">未授权</h1>";
        } else {
            JsonNode token = TestHttp.getJson(wx.url("/sns/oauth2/access_token?appid=" + APP_ID + "&secret=" + SECRET
                    + "&code=" + q.get("code") + "&grant_type=authorization_code"));
            JsonNode info = TestHttp.getJson(wx.url(
                    "/sns/userinfo?access_token=" + token.get("access_token").asString() + "&openid="
                            + token.get("openid").asString() + "&lang=zh_CN"));
            html = "<h1 id=\"greeting\">你好，" + info.get("nickname").asString() + "</h1><img src=\""
                    + info.get("headimgurl").asString() + "\" alt=\"头像\"><p>报价 "
                    + ex.getRequestURI().getPath() + "</p>";
        }
        TestHttp.answer(
                ex,
                "text/html; charset=utf-8",
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        developer.close();
        wx.close();
    }

    private void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void create_user_scan_see_the_card_tap_it_and_consent() throws Exception {
        JsonNode code = TestHttp.createCode(wx, TestHttp.accessToken(wx, APP_ID, SECRET), "q-2024");
        String url = code.get("url").asString();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        PhonePage phone = new PhonePage(browser);
        phone.open(wx.url("/phone"), "装修报价");

        String openid = phone.createUser("小测");
        assertThat(wx.user(openid).nickname()).isEqualTo("小测");

        wait.until(d -> d.findElements(By.cssSelector("#qr-select option[value='" + url + "']"))
                        .size()
                == 1);
        new Select(browser.findElement(By.id("qr-select"))).selectByValue(url);
        browser.findElement(By.id("scan-selected")).click();

        // Not a follower yet: the account's profile page, and nothing pushed; 返回 leaves it without a push.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("profile")));
        assertThat(browser.findElement(By.id("profile-name")).getText()).isEqualTo("装修报价");
        assertThat(browser.findElement(By.id("profile-follow")).getText()).isEqualTo("关注公众号");
        screenshot("phone-0-profile-page");
        browser.findElement(By.id("profile-back")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("profile")));
        assertThat(developer.pushes()).isEmpty();
        assertThat(wx.user(openid).following()).isFalse();
        assertThat(wx.user(openid).profilePage()).isNull();

        // Scan again and tap 关注公众号: now the subscribe with the code's scene is pushed.
        browser.findElement(By.id("scan-selected")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("profile")));
        assertThat(developer.pushes()).isEmpty();
        WebElement card = phone.follow();
        assertThat(card.getText()).contains("您的报价 q-2024").contains("点击查看报价详情");
        assertThat(browser.findElement(By.id("status")).getText())
                .contains("subscribe")
                .contains("qrscene_q-2024");
        screenshot("phone-1-news-card");

        WebElement allow = phone.tapNewsCard();
        assertThat(browser.getPageSource()).contains("获得你的公开信息").contains("小测");
        browser.switchTo().defaultContent();
        screenshot("phone-2-consent");
        browser.switchTo().frame("browser-frame");
        allow.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("greeting"), "你好，小测"));
        browser.switchTo().defaultContent();
        screenshot("phone-3-page-as-the-user");
        browser.findElement(By.id("browser-close")).click();

        // Scan again from an uploaded picture: a follower now, so SCAN and a second card.
        Path png = SCREENSHOTS.resolve("code-q-2024.png");
        Files.write(
                png,
                TestHttp.getBytes(wx.url("/cgi-bin/showqrcode?ticket="
                                + URLEncoder.encode(code.get("ticket").asString(), StandardCharsets.UTF_8)))
                        .body());
        phone.scanPicture(png);
        wait.until(d -> d.findElements(By.cssSelector(".news-card")).size() == 2);
        assertThat(browser.findElement(By.id("status")).getText()).contains("SCAN");

        browser.findElement(By.id("message-input")).sendKeys("多少钱");
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat"), "收到：多少钱"));
        screenshot("phone-4-chat");

        // The account's custom menu: a click item pushes CLICK with its key.
        wx.setMenu(APP_ID, java.util.List.of(MenuItem.click("我的报价", "MY_QUOTES")));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), "装修报价"));
        new Select(browser.findElement(By.id("user"))).selectByValue(openid);
        WebElement menuItem = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#menu button")));
        assertThat(menuItem.getText()).isEqualTo("我的报价");
        menuItem.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat"), "菜单：MY_QUOTES"));
        assertThat(developer
                        .pushes()
                        .get(developer.pushes().size() - 1)
                        .opened()
                        .message())
                .isInstanceOfSatisfying(
                        com.wxqr.mp.callback.ClickEvent.class,
                        c -> assertThat(c.key()).isEqualTo("MY_QUOTES"));

        // A new avatar and nickname: the old avatar URL dies, as WeChat's headimgurl does.
        String oldAvatar = wx.user(openid).headimgurl();
        assertThat(TestHttp.getBytes(java.net.URI.create(oldAvatar)).statusCode())
                .isEqualTo(200);
        browser.findElement(By.id("change-avatar")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "头像已更换"));
        String newAvatar = wx.user(openid).headimgurl();
        assertThat(newAvatar).isNotEqualTo(oldAvatar);
        assertThat(TestHttp.getBytes(java.net.URI.create(oldAvatar)).statusCode())
                .isEqualTo(404);
        assertThat(TestHttp.getBytes(java.net.URI.create(newAvatar)).statusCode())
                .isEqualTo(200);
        browser.findElement(By.id("profile-nickname")).sendKeys("小改");
        browser.findElement(By.id("change-nickname")).click();
        phone.waitForSelectedUser("小改");
        assertThat(wx.user(openid).nickname()).isEqualTo("小改");
        screenshot("phone-5-menu-and-new-profile");
        assertThat(browser.getPageSource())
                .doesNotContain(SECRET)
                .doesNotContain(AES_KEY)
                .doesNotContain(TOKEN);
    }

    @Test
    void a_page_on_another_site_cannot_reconfigure_the_emulator() throws Exception {
        // The classic attack: a form (text/plain smuggles a JSON-looking body) and a no-cors fetch, both simple
        // cross-site requests that reach a loopback port without any CORS preflight.
        String target = wx.url("/emulator/accounts/" + APP_ID).toString();
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
                + "<form id=\"f\" method=\"post\" enctype=\"text/plain\" action=\"" + target + "\">"
                + "<input name='{\"callbackUrl\":\"http://evil.example/\",\"x\":\"' value='\"}'></form>"
                + "<script>fetch('" + target
                + "', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'},"
                + " body: JSON.stringify({callbackUrl: 'http://evil.example/'})}).finally(() => document.getElementById('f').submit());"
                + "</script></body></html>";
        developer.server().createContext("/innocent.html", ex -> TestHttp.answer(ex, "text/html; charset=utf-8", page));
        browser.get(developer.pageBase + "/innocent.html");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().startsWith(target));
        assertThat(browser.getPageSource()).contains("are refused");
        assertThat(wx.accounts())
                .singleElement()
                .satisfies(a -> assertThat(a.settings().callbackUrl()).isEqualTo(developer.url()));
        assertThat(wx.calls()).noneMatch(c -> c.path().contains("evil"));
    }
}
