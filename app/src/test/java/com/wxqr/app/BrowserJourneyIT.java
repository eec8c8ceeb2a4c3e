package com.wxqr.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.demo.DemoEmulator;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.emulator.browser.Chromium;
import com.wxqr.emulator.browser.PhonePage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole journey in a real browser (Chromium): the quote form, the QR code, a scan on the
 * emulator's phone page, the status changing on the PC page, the news card tapped, web
 * authorization, and the quote page with nickname and avatar. Screenshots go to docs/screenshots.
 */
@SafePassiveApp
class BrowserJourneyIT {
    static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    DemoEmulator demo;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws IOException {
        browser = Chromium.start("--window-size=1280,900");
        wait = new WebDriverWait(browser, Duration.ofSeconds(40));
        wait.ignoring(StaleElementReferenceException.class); // the phone page re-renders its lists
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVisitorPricesScansReceivesTheCardAndSeesTheQuoteWithTheirWeChatProfile() throws Exception {
        // 1. the quote form on the PC
        browser.get("http://localhost:" + port + "/");
        browser.findElement(By.id("usableArea")).sendKeys("5");
        browser.findElement(By.id("submit-quote")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".error"), "套内面积应在 10 到 1000 平方米之间"));
        WebElement area = browser.findElement(By.id("usableArea"));
        area.clear();
        area.sendKeys("89");
        new Select(browser.findElement(By.id("layout"))).selectByValue("3-2");
        browser.findElement(By.cssSelector("input[name=grade][value=standard]")).click();
        screenshot("app-1-quote-form");
        browser.findElement(By.id("submit-quote")).click();

        // 2. the quote with its QR code, waiting
        WebElement qr = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("qr-image")));
        wait.until(d ->
                ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth", qr)).intValue()
                        > 0);
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("61,187.50");
        assertThat(browser.findElement(By.id("building-area")).getText()).isEqualTo("111.25");
        assertThat(browser.findElement(By.id("status")).getText()).contains("等待扫码");
        String pcPage = browser.getWindowHandle();
        String qrImageUrl = qr.getAttribute("src");
        screenshot("app-2-qr-waiting");

        // 3. the phone: a new WeChat user scans the code on the emulator's phone page
        browser.switchTo().newWindow(WindowType.WINDOW);
        browser.manage().window().setSize(new Dimension(480, 960));
        PhonePage phone = new PhonePage(browser);
        phone.open(demo.emulator().url("/phone"), "焕新家装修");
        phone.createUser("小明");
        // the phone scans the very picture the PC page shows (saved, then chosen from the album)
        Path picture = Files.createTempFile("wxqr-code-", ".png");
        Files.write(
                picture,
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(qrImageUrl))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                        .body());
        phone.scanPicture(picture);
        // not a follower yet: WeChat shows the account's profile page and pushes nothing
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("profile")));
        screenshot("app-3a-phone-profile-page");
        String phoneWindow = browser.getWindowHandle();

        // the PC page, still waiting, hints that the visitor must tap 关注公众号 (after wxqr.qr.follow-hint-after)
        browser.switchTo().window(pcPage);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("follow-hint")));
        assertThat(browser.findElement(By.id("follow-hint")).getText()).isEqualTo("扫码后请点击「关注公众号」，报价会立即发到微信");
        assertThat(browser.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("waiting");
        screenshot("app-3b-pc-follow-hint");

        // the visitor follows: the subscribe carries the code's scene and the card arrives
        browser.switchTo().window(phoneWindow);
        WebElement card = phone.follow();
        assertThat(card.getText()).contains("您的装修报价").contains("61,188");
        screenshot("app-3-phone-news-card");

        // 4. the PC page followed the scan live
        browser.switchTo().window(pcPage);
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "delivered"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("报价已发送到您的微信");
        List<String> seen =
                (List<String>) ((JavascriptExecutor) browser).executeScript("return window.wxqrStatusHistory");
        assertThat(seen).containsSubsequence("waiting", "scanned", "delivered");
        assertThat(browser.findElement(By.id("follow-hint")).isDisplayed()).isFalse();
        screenshot("app-4-pc-delivered");

        // 5. the card tapped inside WeChat: consent, then the quote page with nickname and avatar
        browser.switchTo().window(phoneWindow);
        WebElement allow = phone.tapNewsCard();
        browser.switchTo().defaultContent();
        screenshot("app-5-phone-consent");
        browser.switchTo().frame("browser-frame");
        allow.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("owner-nickname"), "小明"));
        WebElement avatar = browser.findElement(By.id("owner-avatar"));
        wait.until(d ->
                ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth", avatar)).intValue()
                        > 0);
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("61,187.50");
        browser.switchTo().defaultContent();
        screenshot("app-6-phone-quote-page");

        // 6. the link shared and opened in an ordinary browser shows the same owner
        browser.switchTo().window(pcPage);
        String link = browser.getCurrentUrl().replace("/quotes/", "/q/");
        browser.get(link);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("owner-nickname"), "小明"));
        assertThat(browser.getCurrentUrl()).isEqualTo(link);
        assertThat(browser.getPageSource())
                .doesNotContain(demo.emulator().users(demo.appId()).stream()
                        .filter(u -> "小明".equals(u.nickname()))
                        .findFirst()
                        .orElseThrow()
                        .openid());
        screenshot("app-7-shared-quote-page");
    }
}
