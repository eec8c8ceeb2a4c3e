package com.wxqr.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.demo.DemoEmulator;
import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.WeChatEmulator;
import com.wxqr.emulator.browser.Chromium;
import com.wxqr.emulator.browser.PhonePage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The share card in a real browser (issue 21): the quote page in the phone's in-WeChat browser configures the
 * emulator's JS-SDK stand-in, which checks the signature as WeChat does; 分享给朋友 puts the card in a friend's chat
 * (nickname, total, picture) and the friend opens the quote from it. A page whose URL no longer is the one signed gets
 * {@code config:invalid signature}. Screenshot {@code docs/screenshots/phone-share-card.png}.
 */
@SafePassiveApp
class ShareCardPhoneIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DemoEmulator demo;

    ChromeDriver browser;
    WebDriverWait wait;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    JsonNode pageShare(String openid) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(demo.emulator().url("/emulator/users/" + openid + "/page-share"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The phone with the quote page of a quote delivered to 阿明, opened from the card after consenting. */
    PhonePage ownerOnTheQuotePage(EmulatedUser owner) {
        WeChatEmulator wx = demo.emulator();
        JsonNode quote = new AppClient(port).createQuote(89, "3-2", "standard");
        Delivery d = wx.scanUrl(owner.openid(), quote.get("qr").get("url").asString());
        assertThat(d.outcome()).as("%s", d).isEqualTo("replied");

        browser = Chromium.start("--window-size=390,844", "--user-agent=" + WeChatEmulator.WECHAT_USER_AGENT);
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        wait = new WebDriverWait(browser, Duration.ofSeconds(40));
        wait.ignoring(StaleElementReferenceException.class);
        PhonePage phone = new PhonePage(browser);
        phone.open(wx.url("/phone"), "焕新家装修");
        new Select(browser.findElement(By.id("user"))).selectByValue(owner.openid());
        phone.waitForSelectedUser("阿明");
        phone.tapNewsCard().click(); // 允许
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("owner-nickname"), "阿明"));
        return phone;
    }

    @Test
    void theSharedCardInAFriendsChatShowsTheNicknameTotalAndPictureAndOpensTheQuote() throws Exception {
        WeChatEmulator wx = demo.emulator();
        EmulatedUser owner = wx.createUser(demo.appId(), "阿明");
        EmulatedUser friend = wx.createUser(demo.appId(), "小李");
        ownerOnTheQuotePage(owner);

        // the JS-SDK stand-in accepted the page's wx.config and the page set its card
        wait.until(ExpectedConditions.attributeToBe(By.id("wx-share"), "data-state", "ready"));
        browser.switchTo().defaultContent();
        JsonNode page = pageShare(owner.openid());
        assertThat(page.get("errMsg").asString()).isEqualTo("config:ok");
        assertThat(page.get("appMessage").get("title").asString()).isEqualTo("阿明的装修报价");
        assertThat(page.get("timeline").get("title").asString()).isEqualTo("阿明的装修报价");

        // ··· → 发送给朋友 → 小李
        browser.findElement(By.id("browser-share")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("share-panel")));
        assertThat(browser.findElement(By.id("share-card-preview")).getText()).contains("阿明的装修报价");
        wait.until(
                d -> new Select(d.findElement(By.id("share-to"))).getOptions().size() > 1);
        new Select(browser.findElement(By.id("share-to"))).selectByValue(friend.openid());
        browser.findElement(By.id("share-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "已发送给 小李"));

        // 小李's chat: the card with the nickname, the total and the picture
        browser.findElement(By.id("browser-close")).click();
        new Select(browser.findElement(By.id("user"))).selectByValue(friend.openid());
        WebElement card =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".msg.friend .news-card")));
        assertThat(card.findElement(By.cssSelector(".title")).getText()).isEqualTo("阿明的装修报价");
        assertThat(card.findElement(By.cssSelector(".desc")).getText())
                .contains("111.25 ㎡")
                .contains("61,188 元")
                .contains("20,025 元");
        WebElement picture = card.findElement(By.cssSelector("img"));
        assertThat(picture.getAttribute("src")).isEqualTo("http://localhost:" + port + "/card.png");
        wait.until(d -> ((Number) js("return arguments[0].naturalWidth", picture)).intValue() > 0);
        assertThat(browser.findElement(By.cssSelector(".msg.friend + .via")).getText())
                .isEqualTo("阿明 分享给你");
        Path screenshots = BrowserJourneyIT.SCREENSHOTS;
        Files.createDirectories(screenshots);
        screenshot(screenshots.resolve("phone-share-card.png"));

        // tapping it opens the quote in 小李's browser, without asking 小李 for anything
        card.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("browser")));
        browser.switchTo().frame("browser-frame");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("owner-nickname"), "阿明"));
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("61,187.50");
        wait.until(ExpectedConditions.attributeToBe(By.id("wx-share"), "data-state", "ready"));
    }

    @Test
    void aSignatureForAnotherUrlIsRefusedWithInvalidSignature() throws Exception {
        WeChatEmulator wx = demo.emulator();
        EmulatedUser owner = wx.createUser(demo.appId(), "阿明");
        ownerOnTheQuotePage(owner);
        wait.until(ExpectedConditions.attributeToBe(By.id("wx-share"), "data-state", "ready"));

        // the page's URL changes without a reload (as a single-page app's would) and it configures again with the
        // signature made for the old URL: WeChat checks against the URL the page is on now
        Object errMsg = ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var c = JSON.parse(document.getElementById('wx-share').getAttribute('data-config'));
                history.replaceState(null, '', location.pathname + '?changed=1#share');
                wx.error(function (res) { done(res.errMsg); });
                wx.config({appId: c.appId, timestamp: c.timestamp, nonceStr: c.nonceStr,
                           signature: c.signature, jsApiList: c.jsApiList});
                """);
        assertThat(errMsg).isEqualTo("config:invalid signature");
        wait.until(ExpectedConditions.attributeToBe(By.id("wx-share"), "data-error", "config:invalid signature"));
        browser.switchTo().defaultContent();
        JsonNode page = pageShare(owner.openid());
        assertThat(page.get("errMsg").asString()).isEqualTo("config:invalid signature");
        assertThat(page.get("url").asString()).endsWith("?changed=1");
        assertThat(page.get("appMessage").isNull()).isTrue();
    }

    void screenshot(Path target) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
