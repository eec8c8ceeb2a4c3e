package com.wxqr.app.followup;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppJourney;
import com.wxqr.emulator.ChatMessage;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.browser.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * 联系客户 in Chromium (issue 21): the owner opens a lead from the leads list, sends a text within the window (it
 * reaches the user's chat and is listed as 已送达), and, once the window has passed and the lead did not subscribe,
 * finds the button disabled with the reason. Screenshots {@code docs/screenshots/admin-contact-*.png}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxqr.demo.emulator-port=0",
            "wxqr.demo.encryption-mode=safe",
            "spring.datasource.url=jdbc:h2:mem:followup-browser;DB_CLOSE_DELAY=-1",
            "wxqr.followup.template-id=" + FollowupJourneyTest.TEMPLATE
        })
class ContactBrowserIT extends AppJourney {
    static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    WebDriver browser;
    WebDriverWait wait;
    EmulatedUser boss;

    @BeforeEach
    void logIn() throws Exception {
        boss = newUser("浏览器老板");
        jdbc.sql("insert into admin_user (openid, added_at) values (:openid, :now)")
                .param("openid", boss.openid())
                .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        browser = Chromium.start("--window-size=1360,1000");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(url("/admin/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-qr")));
        byte[] png = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/login/qr.png")))
                                .header("Cookie", cookies())
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .body();
        confirmLogin(boss, wx().scanImage(boss.openid(), png));
        wait.until(ExpectedConditions.urlToBe(url("/admin")));
    }

    String cookies() {
        StringBuilder s = new StringBuilder();
        browser.manage()
                .getCookies()
                .forEach(c ->
                        s.append(c.getName()).append('=').append(c.getValue()).append("; "));
        return s.toString();
    }

    @AfterEach
    void close() {
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

    void screenshot(String name) throws Exception {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theOwnerWritesToALeadInsideTheWindowAndIsToldWhyNotOutsideIt() throws Exception {
        EmulatedUser user = newUser("王女士");
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();
        wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());
        wx().sendText(user.openid(), "你好，想约时间量房");

        browser.get(url("/admin/leads"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.lead-contact")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("send-text")));
        browser.findElement(By.id("contact-text")).sendKeys("王女士您好，明天上午十点可以上门量房吗？");
        browser.findElement(By.id("send-text")).click();
        wait.until(ExpectedConditions.textToBe(By.id("contact-done"), "已发送"));
        assertThat(browser.findElement(By.cssSelector("tr.attempt .attempt-outcome"))
                        .getText())
                .isEqualTo("已送达");
        assertThat(wx().chat(user.openid()))
                .filteredOn(m -> "customer_service".equals(m.via()))
                .extracting(ChatMessage::content)
                .contains("王女士您好，明天上午十点可以上门量房吗？");
        screenshot("admin-contact-1-within-window");

        jdbc.sql("update follower_window set last_message_at = :t where openid = :o")
                .param("t", OffsetDateTime.ofInstant(Instant.now().minus(Duration.ofHours(49)), ZoneOffset.UTC))
                .param("o", user.openid())
                .update();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("contact-reason")));
        assertThat(browser.findElement(By.id("contact-reason")).getText()).isEqualTo("窗口已过期，客户未订阅通知");
        assertThat(browser.findElement(By.id("contact-disabled")).isEnabled()).isFalse();
        assertThat(browser.findElements(By.id("send-text"))).isEmpty();
        screenshot("admin-contact-2-window-expired");
        assertThat(browser.getCurrentUrl()).contains("/admin/leads/" + id + "/contact");
    }
}
