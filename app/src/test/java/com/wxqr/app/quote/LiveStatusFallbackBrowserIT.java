package com.wxqr.app.quote;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.demo.DemoEmulator;
import com.wxqr.app.system.AppClient;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.browser.Chromium;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The PC page in Chromium when every live status stream is refused (no streams allowed per
 * client): it falls back to polling the quote and still shows the scan and the delivery.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxqr.demo.emulator-port=0",
            "spring.datasource.url=jdbc:h2:mem:live-fallback;DB_CLOSE_DELAY=-1",
            "wxqr.live.max-streams-per-client=0"
        })
class LiveStatusFallbackBrowserIT {
    @LocalServerPort
    int port;

    @Autowired
    DemoEmulator demo;

    WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aRefusedStreamMakesThePagePollAndItStillShowsTheDelivery() {
        AppClient app = new AppClient(port);
        assertThat(app.get("/api/quotes/" + app.createQuote().get("id").asString() + "/events")
                        .statusCode())
                .isEqualTo(429);
        JsonNode quote = app.createQuote();
        String id = quote.get("id").asString();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get("http://localhost:" + port + "/quotes/" + id);
        wait.until(
                d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.wxqrPolling === true")));
        assertThat(browser.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("waiting");

        EmulatedUser user = demo.emulator().createUser(demo.appId(), "轮询");
        assertThat(demo.emulator()
                        .scanUrl(user.openid(), quote.get("qr").get("url").asString())
                        .reply()
                        .type())
                .isEqualTo("news");
        wait.until(d -> "delivered".equals(d.findElement(By.id("status")).getAttribute("data-status")));
        assertThat(browser.findElement(By.id("status")).getText())
                .isEqualTo(app.quote(id).get("status").get("message").asString());
    }
}
