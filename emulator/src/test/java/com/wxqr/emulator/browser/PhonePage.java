package com.wxqr.emulator.browser;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The emulator's phone page ({@code /phone}) in a browser: what a test does there as a WeChat user. Every step waits
 * (up to 40 s) for the page to show its outcome, and looks elements up again while the page re-renders its lists and
 * its chat.
 */
public final class PhonePage {
    private final WebDriver browser;
    private final WebDriverWait wait;

    /** The phone page in {@code browser}'s current window. */
    public PhonePage(WebDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(40));
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** Opens {@code phoneUrl} (the emulator's {@code /phone}) and waits until it shows the account {@code name}. */
    public void open(URI phoneUrl, String name) {
        browser.get(phoneUrl.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), name));
    }

    /** Creates a user with 新建用户, waits until it is the selected user and returns its openid. */
    public String createUser(String nickname) {
        browser.findElement(By.id("new-nickname")).sendKeys(nickname);
        browser.findElement(By.id("create-user")).click();
        waitForSelectedUser(nickname);
        return selectedUser().getAttribute("value");
    }

    /** Waits until the selected user's label starts with {@code nickname}. */
    public void waitForSelectedUser(String nickname) {
        wait.until(d -> selectedUser().getText().startsWith(nickname));
    }

    private WebElement selectedUser() {
        return new Select(browser.findElement(By.id("user"))).getFirstSelectedOption();
    }

    /** Scans the code in the picture {@code png} (扫一扫, from the album). */
    public void scanPicture(Path png) {
        browser.findElement(By.id("scan-file")).sendKeys(png.toAbsolutePath().toString());
    }

    /**
     * Opens {@code url} in WeChat's browser, as when the user taps a link pasted into a chat (打开), and waits until
     * the browser shows; the driver stays on the phone page (the page is in the {@code browser-frame}).
     */
    public void openLink(String url) {
        browser.findElement(By.id("open-url")).sendKeys(url);
        browser.findElement(By.id("open-url-btn")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("browser")));
    }

    /**
     * Long-presses the picture at {@code imageUrl} on the page in WeChat's browser and taps 识别图中二维码 (识别二维码 in
     * the browser bar, the picture's address, 识别图中二维码). A non-follower then sees the account's profile page
     * ({@code profile}); the driver must be on the phone page, not in the frame.
     */
    public void recognize(String imageUrl) {
        browser.findElement(By.id("browser-recognize")).click();
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recognize-url")));
        field.sendKeys(imageUrl);
        browser.findElement(By.id("recognize-btn")).click();
    }

    /** Taps 返回网页: the page a recognized code left behind the chat shows again (in {@code browser-frame}). */
    public void returnToPage() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("browser-return")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("browser")));
    }

    /** Taps 关注公众号 on the account's profile page and returns the news card the account's reply shows in the chat. */
    public WebElement follow() {
        browser.findElement(By.id("profile-follow")).click();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".news-card")));
    }

    /**
     * Taps the news card in the chat and waits for web authorization's consent page in WeChat's browser; returns its
     * 允许 button, with the driver left inside WeChat's browser ({@code browser-frame}).
     */
    public WebElement tapNewsCard() {
        // The chat re-renders while it polls, so the card is found again at the moment it is tapped.
        wait.until(d -> {
            d.findElement(By.cssSelector(".news-card")).click();
            return true;
        });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("browser")));
        browser.switchTo().frame("browser-frame");
        return wait.until(ExpectedConditions.elementToBeClickable(By.id("wx-allow")));
    }
}
