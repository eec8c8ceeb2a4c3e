package com.wxqr.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppJourney;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.browser.Chromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin forms in Chromium as an owner uses them (issue #27): two channel codes created in a
 * row on the channels page while it loads the QR images, and a form submitted in a second tab
 * after the first tab's chart fetched its JSON. Each post carries the CSRF token its page was
 * given and must go through, whatever the browser loaded in between.
 */
@SafePassiveApp
class AdminFormsBrowserIT extends AppJourney {
    @Autowired
    Admins admins;

    WebDriver browser;
    WebDriverWait wait;
    EmulatedUser boss;

    @BeforeEach
    void logInAsAnAdmin() throws Exception {
        boss = newUser("两个标签页的老板");
        admins.add(boss.openid(), null);
        browser = Chromium.start("--window-size=1360,1000");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(url("/admin/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-qr")));
        // the scan only asks: the boss confirms on the card's page in WeChat's browser
        confirmLogin(boss, wx().scanImage(boss.openid(), fetchAsBrowser("/login/qr.png")));
        wait.until(ExpectedConditions.urlToBe(url("/admin")));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        jdbc.sql("delete from admin_user where openid = :openid")
                .param("openid", boss.openid())
                .update();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** GETs {@code path} with the browser's cookies (HttpOnly ones too), as a download from that browser. */
    byte[] fetchAsBrowser(String path) throws Exception {
        StringBuilder cookies = new StringBuilder();
        for (Cookie c : browser.manage().getCookies()) {
            cookies.append(c.getName()).append('=').append(c.getValue()).append("; ");
        }
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url(path)))
                                .header("Cookie", cookies.toString())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    List<String> channelNames() {
        return browser.findElements(By.cssSelector("tr.channel .channel-name")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** Waits until every channel QR image on the page has loaded (each a request of its own). */
    void waitForTheQrImages() {
        wait.until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript("return document.readyState === 'complete' && Array.from("
                        + "document.querySelectorAll('img.channel-qr')).every(i => i.complete && i.naturalWidth > 0)"));
    }

    /** Fills in and submits the channel form of the page shown; the answer must be the channels page saying 已创建. */
    void createChannel(String name) {
        WebElement button = browser.findElement(By.id("create-channel"));
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("welcome")).sendKeys("欢迎关注" + name);
        button.click();
        wait.until(ExpectedConditions.stalenessOf(button));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        assertThat(browser.findElements(By.id("channel-created")))
                .as(
                        "creating %s answered %s: %s",
                        name,
                        browser.getCurrentUrl(),
                        browser.findElement(By.tagName("body")).getText())
                .isNotEmpty();
        assertThat(channelNames()).contains(name);
    }

    @Test
    void channelsCreatedInARowAndAFormInASecondTabGoThroughAfterImagesAndJsonLoaded() {
        browser.get(url("/admin/channels"));
        waitForTheQrImages();
        createChannel("东区电梯广告");
        waitForTheQrImages();
        createChannel("西区宣传单");
        waitForTheQrImages();
        assertThat(browser.findElements(By.cssSelector("img.channel-qr"))).hasSizeGreaterThanOrEqualTo(2);

        // a second tab shows the form; then the first tab opens the chart, which fetches its JSON
        String first = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(url("/admin/channels"));
        waitForTheQrImages();
        String second = browser.getWindowHandle();
        browser.switchTo().window(first);
        browser.get(url("/admin"));
        wait.until(ExpectedConditions.attributeToBe(By.id("funnel-page"), "data-rendered", "true"));

        browser.switchTo().window(second);
        createChannel("南区门店");
        assertThat(channelNames()).contains("东区电梯广告", "西区宣传单", "南区门店");
    }
}
