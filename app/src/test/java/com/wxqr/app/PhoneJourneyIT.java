package com.wxqr.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.demo.DemoEmulator;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.emulator.WeChatEmulator;
import com.wxqr.emulator.browser.Chromium;
import com.wxqr.emulator.browser.PhonePage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The journey on a phone (390×844) in a real browser: a phone cannot scan its own screen, so the quote page leads the
 * visitor the way that fits. Inside WeChat (WeChat's user agent, the site opened in the phone's built-in browser) they
 * long-press the code; in Safari they save the code and pick it from the album in 扫一扫. Screenshots go to
 * docs/screenshots ({@code phone-*}).
 */
@SafePassiveApp
class PhoneJourneyIT {
    static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    @LocalServerPort
    int port;

    @Autowired
    DemoEmulator demo;

    ChromeDriver browser;
    WebDriverWait wait;

    void openPhone(String userAgent) throws IOException {
        browser = Chromium.start("--window-size=390,844", "--user-agent=" + userAgent);
        phoneScreen();
        wait = new WebDriverWait(browser, Duration.ofSeconds(40));
        wait.ignoring(StaleElementReferenceException.class); // the phone page re-renders its lists
        Files.createDirectories(BrowserJourneyIT.SCREENSHOTS);
    }

    /**
     * The current tab as a phone's screen: 390×844 CSS pixels, mobile viewport rules (a desktop window cannot be made
     * narrower than about 500 pixels).
     */
    void phoneScreen() {
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, BrowserJourneyIT.SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Prices 89 ㎡, 3 rooms 2 halls, standard, and waits for the code's picture. */
    WebElement priceAQuote() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("usableArea")))
                .sendKeys("89");
        new Select(browser.findElement(By.id("layout"))).selectByValue("3-2");
        browser.findElement(By.cssSelector("input[name=grade][value=standard]")).click();
        browser.findElement(By.id("submit-quote")).click();
        WebElement qr = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("qr-image")));
        wait.until(d -> ((Number) js("return arguments[0].naturalWidth", qr)).intValue() > 0);
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("61,187.50");
        return qr;
    }

    /** The code is shown whole on the phone's screen and large enough to be read from a screenshot or a photo. */
    void assertShownWhole(WebElement qr) {
        js("arguments[0].scrollIntoView({block: 'center'})", qr);
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) js(
                "var r = arguments[0].getBoundingClientRect();"
                        + "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width,"
                        + " height: r.height, viewport: document.documentElement.clientWidth,"
                        + " viewportHeight: window.innerHeight};",
                qr);
        assertThat(box.get("viewport").doubleValue()).as("a phone-sized page").isLessThanOrEqualTo(390);
        assertThat(box.get("width").doubleValue()).as("the code's width").isGreaterThanOrEqualTo(220);
        assertThat(box.get("height").doubleValue()).isEqualTo(box.get("width").doubleValue());
        assertThat(box.get("left").doubleValue()).as("not cropped on the left").isGreaterThanOrEqualTo(0);
        assertThat(box.get("right").doubleValue())
                .as("not cropped on the right")
                .isLessThanOrEqualTo(box.get("viewport").doubleValue());
        assertThat(box.get("bottom").doubleValue())
                .isLessThanOrEqualTo(box.get("viewportHeight").doubleValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void insideWeChatTheVisitorLongPressesTheCodeFollowsAndGetsTheCard() throws Exception {
        openPhone(WeChatEmulator.WECHAT_USER_AGENT);
        PhonePage phone = new PhonePage(browser);
        phone.open(demo.emulator().url("/phone"), "焕新家装修");
        phone.createUser("小红");

        // the site opened inside WeChat (a link tapped in a chat): the quote form, then the quote with its code
        phone.openLink("http://localhost:" + port + "/");
        browser.switchTo().frame("browser-frame");
        WebElement qr = priceAQuote();
        assertThat(browser.findElement(By.id("hint-wechat")).getText()).isEqualTo("长按下方二维码，识别后关注即可收到报价");
        assertThat(browser.findElement(By.cssSelector(".hint.for-pc")).isDisplayed())
                .isFalse();
        assertThat(browser.findElement(By.id("mobile-steps")).isDisplayed()).isFalse();
        assertShownWhole(qr);
        String picture = qr.getAttribute("src");
        browser.switchTo().defaultContent();
        screenshot("phone-1-wechat-long-press");

        // 长按识别二维码: not a follower yet, so WeChat shows the account's profile page and pushes nothing
        phone.recognize(picture);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("profile")));
        screenshot("phone-2-wechat-recognized");

        // 关注公众号: the subscribe carries the code's scene; the card arrives in the chat, the page waits behind it
        WebElement card = phone.follow();
        assertThat(card.getText()).contains("您的装修报价").contains("61,188");
        screenshot("phone-3-wechat-card");

        // back on the page: the live status followed it all, and the page says where the quote went
        phone.returnToPage();
        browser.switchTo().frame("browser-frame");
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "delivered"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("报价已发送到您的微信");
        assertThat(browser.findElement(By.id("back-to-chat")).getText()).isEqualTo("返回微信聊天查看报价");
        assertThat((List<String>) js("return window.wxqrStatusHistory"))
                .containsSubsequence("waiting", "scanned", "delivered");
        js("document.getElementById('status').scrollIntoView({block: 'center'})");
        browser.switchTo().defaultContent();
        screenshot("phone-4-wechat-back-to-chat");

        // back to the chat: the card opens the quote page with the visitor's nickname
        browser.findElement(By.id("browser-close")).click();
        WebElement allow = phone.tapNewsCard();
        allow.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("owner-nickname"), "小红"));
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("61,187.50");
        browser.switchTo().defaultContent();
        screenshot("phone-5-wechat-quote-page");
    }

    @Test
    void inAMobileBrowserTheVisitorSavesTheCodeAndPicksItFromTheAlbum(@TempDir Path downloads) throws Exception {
        openPhone(SAFARI_ON_IPHONE);
        browser.executeCdpCommand(
                "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.get("http://localhost:" + port + "/");
        WebElement qr = priceAQuote();
        String quotePage = browser.getCurrentUrl();
        String publicId = quotePage.substring(quotePage.lastIndexOf('/') + 1);

        // not inside WeChat: save the code, the album steps, and the link to open inside WeChat
        assertThat(browser.findElement(By.id("hint-wechat")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector(".hint.for-pc")).isDisplayed())
                .isFalse();
        assertThat(browser.findElement(By.cssSelector(".album-steps")).getText())
                .contains("保存二维码")
                .contains("打开微信“扫一扫”，点右上角「相册」")
                .contains("选取刚保存的二维码图片");
        assertThat(browser.findElement(By.id("scan-page-url")).getAttribute("value"))
                .isEqualTo(quotePage);
        browser.findElement(By.id("copy-link")).click();
        wait.until(ExpectedConditions.textToBe(By.id("copy-link"), "已复制"));
        assertShownWhole(qr);
        js("document.getElementById('qr-card').scrollIntoView({block: 'start'})");
        screenshot("phone-6-browser-save");

        // 保存二维码: the PNG arrives under a name that says what it is
        WebElement save = browser.findElement(By.id("save-qr"));
        assertThat(save.getText()).isEqualTo("保存二维码");
        String fileName = "wechat-qr-quote-" + publicId + ".png";
        assertThat(save.getAttribute("download")).isEqualTo(fileName);
        HttpResponse<byte[]> served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(save.getAttribute("href")))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment").contains(fileName));
        save.click();
        Path saved = downloads.resolve(fileName);
        wait.until(d -> Files.isRegularFile(saved) && size(saved) > 0);
        assertThat(Files.readAllBytes(saved)).isEqualTo(served.body());
        String quoteWindow = browser.getWindowHandle();

        // in WeChat: 扫一扫 → 相册 → the saved picture; a new visitor follows and the card arrives
        browser.switchTo().newWindow(WindowType.TAB);
        phoneScreen();
        PhonePage phone = new PhonePage(browser);
        phone.open(demo.emulator().url("/phone"), "焕新家装修");
        phone.createUser("小刚");
        phone.scanPicture(saved);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("profile")));
        WebElement card = phone.follow();
        assertThat(card.getText()).contains("您的装修报价").contains("61,188");
        screenshot("phone-7-browser-album-card");

        // the page in the browser followed it live; it is not WeChat, so it does not send the visitor to the chat
        browser.switchTo().window(quoteWindow);
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "delivered"));
        assertThat(browser.findElement(By.id("back-to-chat")).isDisplayed()).isFalse();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
