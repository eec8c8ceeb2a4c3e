package com.wxqr.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.demo.DemoEmulator;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.NewsArticle;
import com.wxqr.emulator.OpenResult;
import com.wxqr.emulator.browser.Chromium;
import com.wxqr.emulator.browser.PhonePage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
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
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The owner's side in a real browser (Chromium) against the in-process emulator, in order on one
 * fresh database: /admin without a session, the first admin made with the setup code from the log
 * and a scan confirmed on the phone, a non-admin refused, a visitor's journey showing as a lead
 * (stage, channel, nickname) in the list, the chart and the CSV, a channel code scanned by a new
 * user, a visitor confirming the login on the phone page and seeing exactly their own quotes, an
 * invitation approved by the inviter, admins removed, the audit list, and signing out everywhere. Screenshots
 * of the admin pages go to docs/screenshots.
 */
@ExtendWith(OutputCaptureExtension.class)
@SafePassiveApp
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:owner-browser;DB_CLOSE_DELAY=-1")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnerBrowserIT {
    static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");
    /** Where Chromium's requests come from: localhost resolves to either. */
    static final String[] LOOPBACK = {"127.0.0.1", "0:0:0:0:0:0:0:1"};

    static final Pattern SETUP_CODE = Pattern.compile("one-time setup code ([A-Z0-9]{12})");

    @LocalServerPort
    int port;

    @Autowired
    DemoEmulator demo;

    // one browser and the same users through the ordered steps (the context starts after the
    // output capture, so the setup code printed at start is captured)
    static WebDriver browser;
    static WebDriverWait wait;
    static final HttpClient http = HttpClient.newHttpClient();
    static EmulatedUser boss;
    static EmulatedUser visitor;

    @BeforeAll
    static void openBrowser() throws IOException {
        browser = Chromium.start("--window-size=1360,1000");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** GETs {@code path} with the browser's cookies (HttpOnly ones too), as a download from that browser. */
    HttpResponse<byte[]> fetchAsBrowser(String path) throws Exception {
        StringBuilder cookies = new StringBuilder();
        for (Cookie c : browser.manage().getCookies()) {
            cookies.append(c.getName()).append('=').append(c.getValue()).append("; ");
        }
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Cookie", cookies.toString())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The phone scans the login code this browser shows; WeChat's reply text (a refusal, an invitation). */
    String scanLoginCode(EmulatedUser user) throws Exception {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-qr")));
        Delivery push = demo.emulator()
                .scanImage(user.openid(), fetchAsBrowser("/login/qr.png").body());
        return push.reply().content();
    }

    /** The phone scans the login code this browser shows and gets the card that asks to log in. */
    NewsArticle scanForCard(EmulatedUser user) throws Exception {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-qr")));
        Delivery push = demo.emulator()
                .scanImage(user.openid(), fetchAsBrowser("/login/qr.png").body());
        assertThat(push.reply().articles()).hasSize(1);
        return push.reply().articles().get(0);
    }

    /** The scanner opens the card in WeChat and taps 确认登录 on the page naming this (headless Chrome) browser. */
    void confirmOnPhone(EmulatedUser user, NewsArticle card) {
        OpenResult page = demo.emulator().open(user.openid(), card.url());
        assertThat(page.body()).contains("Chrome").contains("Linux");
        Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        OpenResult done = demo.emulator()
                .submit(user.openid(), page.finalUrl(), Map.of("token", token.group(1), "decision", "confirm"));
        assertThat(done.body()).contains("已确认");
    }

    /** Logs the boss in afresh by scanning the admin login code and confirming, then opens {@code path}. */
    void openAsBoss(String path) throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(url("/admin/login"));
        confirmOnPhone(boss, scanForCard(boss));
        wait.until(ExpectedConditions.urlToBe(url("/admin")));
        browser.get(url(path));
    }

    @Test
    @Order(1)
    void adminWithoutASessionGoesToTheLoginPage() throws Exception {
        browser.get(url("/admin/leads"));
        wait.until(ExpectedConditions.urlToBe(url("/admin/login")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("管理员扫码登录");
        assertThat(browser.findElement(By.id("setup-link")).isDisplayed()).isTrue();
        screenshot("admin-1-login");
    }

    @Test
    @Order(2)
    void theFirstAdminIsMadeWithTheSetupCodeFromTheLogAndAScan(CapturedOutput output) throws Exception {
        Matcher m = SETUP_CODE.matcher(output.getAll());
        assertThat(m.find()).as("the setup code is printed in the log at start").isTrue();
        String code = m.group(1);

        browser.get(url("/admin/setup"));
        browser.findElement(By.id("code")).sendKeys("WRONGCODE123");
        browser.findElement(By.id("setup-submit")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("setup-error")))
                        .getText())
                .contains("设置码不正确");
        browser.findElement(By.id("code")).sendKeys(code.toLowerCase(java.util.Locale.ROOT));
        screenshot("admin-2-setup");
        browser.findElement(By.id("setup-submit")).click();

        boss = demo.emulator().createUser(demo.appId(), "王老板");
        NewsArticle card = scanForCard(boss);
        assertThat(card.title()).isEqualTo("在电脑上登录「焕新家 · 管理后台」？");
        wait.until(ExpectedConditions.attributeToBe(By.id("login-status"), "data-state", "scanned"));
        assertThat(browser.findElement(By.id("login-status")).getText()).contains("请在手机上确认");
        confirmOnPhone(boss, card);
        wait.until(ExpectedConditions.urlToBe(url("/admin")));
        assertThat(browser.findElement(By.id("nav-leads")).isDisplayed()).isTrue();

        // the code is used up
        browser.get(url("/admin/setup"));
        assertThat(browser.findElement(By.id("setup-done")).getText()).contains("已经设置过了");
    }

    @Test
    @Order(3)
    void aNonAdminWhoScansTheAdminLoginCodeIsRefused() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(url("/admin/login"));
        EmulatedUser stranger = demo.emulator().createUser(demo.appId(), "路人");
        assertThat(scanLoginCode(stranger)).contains("您不是管理员");
        wait.until(ExpectedConditions.attributeToBe(By.id("login-status"), "data-state", "refused"));
        assertThat(browser.findElement(By.id("login-status")).getText()).contains("不是管理员");
        browser.get(url("/admin"));
        wait.until(ExpectedConditions.urlToBe(url("/admin/login")));
    }

    @Test
    @Order(4)
    void afterAVisitorsJourneyTheLeadShowsWithStageChannelAndNicknameInTheListTheChartAndTheCsv() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(url("/?utm_source=baidu&utm_campaign=spring"));
        browser.findElement(By.id("usableArea")).sendKeys("89");
        new Select(browser.findElement(By.id("layout"))).selectByValue("3-2");
        browser.findElement(By.cssSelector("input[name=grade][value=standard]")).click();
        browser.findElement(By.id("submit-quote")).click();
        WebElement qr = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("qr-image")));
        String publicId = browser.findElement(By.id("quote-page")).getAttribute("data-quote-id");

        visitor = demo.emulator().createUser(demo.appId(), "小红");
        Delivery push = demo.emulator().scanUrl(visitor.openid(), qr.getAttribute("data-url"));
        String card = push.reply().articles().get(0).url();
        assertThat(demo.emulator().open(visitor.openid(), card).body()).contains("小红");

        openAsBoss("/admin/leads");
        WebElement lead = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.lead")));
        assertThat(lead.findElement(By.cssSelector(".lead-stage")).getText()).isEqualTo("已授权资料");
        assertThat(lead.findElement(By.cssSelector(".lead-channel")).getText()).isEqualTo("baidu / spring");
        assertThat(lead.findElement(By.cssSelector(".lead-nickname")).getText()).isEqualTo("小红");
        assertThat(lead.getText()).contains("61,187.50").contains("扫码新关注");
        assertThat(browser.getPageSource()).doesNotContain(visitor.openid());
        screenshot("admin-4-leads");

        // filters: another stage or channel hides it; a bad date gets a sentence, not a 500
        browser.get(url("/admin/leads?stage=1"));
        assertThat(browser.findElements(By.cssSelector("tr.lead"))).isEmpty();
        browser.get(
                url("/admin/leads?channel=" + java.net.URLEncoder.encode("baidu / spring", StandardCharsets.UTF_8)));
        assertThat(browser.findElements(By.cssSelector("tr.lead"))).hasSize(1);
        browser.get(url("/admin/leads?from=2026-13-45"));
        assertThat(browser.findElement(By.id("problem")).getText()).contains("格式应为 YYYY-MM-DD");

        // the CSV download holds the row, UTF-8 with a BOM
        HttpResponse<byte[]> csv = fetchAsBrowser("/admin/leads.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF报价时间,报价编号");
        assertThat(text.lines().filter(l -> l.contains(publicId)).findFirst().orElseThrow())
                .contains("三室两厅", "标准型", "61187.50", "baidu / spring", "已授权资料", "小红", "扫码新关注");

        // the chart renders (ECharts from the app's WebJar draws a canvas) beside its table
        browser.get(url("/admin"));
        wait.until(ExpectedConditions.attributeToBe(By.id("funnel-page"), "data-rendered", "true"));
        assertThat(browser.findElements(By.cssSelector("#funnel-chart canvas"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#trend-chart canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.id("funnel-table")).getText()).contains("已授权资料 1");
        screenshot("admin-3-funnel");
        String today = browser.findElement(By.id("to")).getAttribute("value");
        String json = new String(
                fetchAsBrowser("/admin/api/funnel?from=" + today + "&to=" + today)
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"name\":\"已扫码\",\"count\":1").contains("\"quotes\":1");
        assertThat(new String(fetchAsBrowser("/admin/api/funnel?from=bad").body(), StandardCharsets.UTF_8))
                .contains("开始日期格式应为 YYYY-MM-DD");
    }

    @Test
    @Order(5)
    void aChannelCodeIsCreatedScannedByANewUserWhoGetsItsWelcomeAndTheChannelsCountsChange() throws Exception {
        openAsBoss("/admin/channels");
        browser.findElement(By.id("create-channel")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("channel-error")))
                        .getText())
                .isEqualTo("请填写渠道名称");
        browser.findElement(By.id("name")).sendKeys("阳光花园海报");
        browser.findElement(By.id("welcome")).sendKeys("欢迎阳光花园的邻居！在电脑上打开我们的网站即可免费算报价。");
        browser.findElement(By.id("create-channel")).click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.channel")));
        assertThat(row.findElement(By.cssSelector(".channel-name")).getText()).isEqualTo("阳光花园海报");
        assertThat(row.findElement(By.cssSelector(".channel-scans")).getText()).isEqualTo("0");
        String id = row.getAttribute("data-channel-id");

        HttpResponse<byte[]> png = fetchAsBrowser("/admin/channels/" + id + "/qr.png");
        assertThat(png.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        EmulatedUser neighbour = demo.emulator().createUser(demo.appId(), "邻居");
        Delivery scan = demo.emulator().scanImage(neighbour.openid(), png.body());
        assertThat(scan.event()).isEqualTo("subscribe");
        assertThat(scan.reply().content()).isEqualTo("欢迎阳光花园的邻居！在电脑上打开我们的网站即可免费算报价。");
        assertThat(demo.emulator().qrCodes(demo.appId()).stream()
                        .anyMatch(c -> c.ticket().equals(scan.ticket()) && c.expiresAt() == null))
                .isTrue();

        // the neighbour then prices a flat and scans its code: the quote counts for the channel
        com.wxqr.app.system.AppClient app = new com.wxqr.app.system.AppClient(port);
        var quote = app.createQuote(70, "2-1", "basic");
        demo.emulator().scanUrl(neighbour.openid(), quote.get("qr").get("url").asString());

        browser.navigate().refresh();
        row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.channel")));
        assertThat(row.findElement(By.cssSelector(".channel-scans")).getText()).isEqualTo("1");
        assertThat(row.findElement(By.cssSelector(".channel-followers")).getText())
                .isEqualTo("1");
        assertThat(row.findElement(By.cssSelector(".channel-quotes")).getText()).isEqualTo("1");
        screenshot("admin-5-channels");
        browser.get(url("/admin/leads?channel=" + java.net.URLEncoder.encode("阳光花园海报", StandardCharsets.UTF_8)));
        assertThat(browser.findElements(By.cssSelector("tr.lead"))).hasSize(1);
    }

    @Test
    @Order(6)
    void aVisitorLogsInByScanAndSeesExactlyTheirOwnQuotes() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(url("/"));
        browser.findElement(By.id("my-quotes-link")).click();
        wait.until(ExpectedConditions.urlToBe(url("/login")));
        screenshot("visitor-1-login");
        String pcWindow = browser.getWindowHandle();
        Path picture = Files.createTempFile("wxqr-login-", ".png");
        Files.write(picture, fetchAsBrowser("/login/qr.png").body());

        // the phone: 小红 scans the code on the emulator's phone page and taps the card in the chat
        browser.switchTo().newWindow(WindowType.WINDOW);
        browser.manage().window().setSize(new Dimension(480, 960));
        PhonePage phone = new PhonePage(browser);
        phone.open(demo.emulator().url("/phone"), "焕新家装修");
        new Select(browser.findElement(By.id("user"))).selectByValue(visitor.openid());
        phone.waitForSelectedUser("小红");
        phone.scanPicture(picture);
        wait.until(d -> d.findElements(By.cssSelector(".news-card")).stream()
                .anyMatch(c -> c.getText().contains("在电脑上登录")));
        wait.until(d -> {
            List<WebElement> cards = d.findElements(By.cssSelector(".news-card"));
            cards.get(cards.size() - 1).click();
            return true;
        });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("browser")));
        browser.switchTo().frame("browser-frame");
        WebElement yes = wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-yes")));
        assertThat(browser.findElement(By.id("confirm-title")).getText()).isEqualTo("在电脑上登录「焕新家装修报价」？");
        assertThat(browser.findElement(By.id("confirm-browser")).getText()).startsWith("Chrome");
        assertThat(browser.findElement(By.id("confirm-system")).getText()).isEqualTo("Linux");
        assertThat(browser.findElement(By.id("confirm-address")).getText()).isIn(LOOPBACK);
        browser.switchTo().defaultContent();
        screenshot("visitor-1b-phone-confirm");

        // the PC is not logged in until the scanner confirms
        browser.switchTo().window(pcWindow);
        wait.until(ExpectedConditions.attributeToBe(By.id("login-status"), "data-state", "scanned"));
        assertThat(browser.findElement(By.id("login-status")).getText()).isEqualTo("已扫码，请在手机上确认");
        assertThat(fetchAsBrowser("/my").statusCode()).isEqualTo(302);
        screenshot("visitor-1a-pc-confirm-on-phone");

        String phoneWindow = browser.getWindowHandles().stream()
                .filter(h -> !h.equals(pcWindow))
                .findFirst()
                .orElseThrow();
        browser.switchTo().window(phoneWindow);
        browser.switchTo().frame("browser-frame");
        yes.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("confirm-outcome"), "已确认"));
        browser.switchTo().defaultContent();
        browser.close();
        browser.switchTo().window(pcWindow);
        wait.until(ExpectedConditions.urlToBe(url("/my")));
        List<WebElement> rows = browser.findElements(By.cssSelector("tr.my-quote"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("61,187.50");
        screenshot("visitor-2-my-quotes");
        rows.get(0).findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("owner-nickname"), "小红"));
        browser.get(url("/my"));
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlToBe(url("/"))); // the logout's own redirect, before the next page
        browser.get(url("/my"));
        wait.until(ExpectedConditions.urlToBe(url("/login")));
    }

    @Test
    @Order(7)
    void anAdminAddsAndRemovesAnAdminAndTheAuditListShowsWhoDidWhat() throws Exception {
        openAsBoss("/admin/admins");
        browser.findElement(By.id("invite")).click();
        EmulatedUser helper = demo.emulator().createUser(demo.appId(), "小助手");
        // the scan names the invitee to the inviter, who approves: until then no admin is added
        assertThat(scanLoginCode(helper)).isEqualTo("已收到，请等待邀请你的管理员在后台批准。");
        wait.until(ExpectedConditions.urlToBe(url("/admin/admins")));
        assertThat(browser.findElements(By.cssSelector("tr.admin-row"))).hasSize(1);
        WebElement invitation = browser.findElement(By.cssSelector("tr.invitation-row"));
        assertThat(invitation.findElement(By.cssSelector(".invitee")).getText()).isEqualTo("微信用户（未授权昵称）");
        assertThat(browser.findElement(By.cssSelector("tr.session-row")).getText())
                .contains("后台")
                .contains("Chrome")
                .containsAnyOf(LOOPBACK)
                .contains("（当前）");
        screenshot("admin-6-admins");
        invitation.findElement(By.cssSelector(".approve-invitation")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admins-done")))
                        .getText())
                .isEqualTo("已批准，对方已成为管理员");
        assertThat(browser.findElements(By.cssSelector("tr.invitation-row"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("tr.admin-row"))).hasSize(2);
        browser.findElement(By.cssSelector(".remove-admin")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admins-done")))
                        .getText())
                .isEqualTo("已移除该管理员");
        assertThat(browser.findElements(By.cssSelector("tr.admin-row"))).hasSize(1);

        browser.get(url("/admin/audit"));
        String audit = browser.findElement(By.id("audit")).getText();
        assertThat(audit).contains("用设置码成为第一位管理员", "登录后台", "导出线索 CSV", "新建渠道码", "阳光花园海报", "添加管理员", "移除管理员");
        assertThat(audit)
                .as("admin logins are audited with browser and address")
                .contains("Chrome")
                .containsAnyOf("Linux，" + LOOPBACK[0], "Linux，" + LOOPBACK[1]);
        screenshot("admin-7-audit");

        // 接入检查: in the demo the account is right, the public URL is http (said so) and the
        // web-authorization domain is named for the console
        browser.findElement(By.id("nav-check")).click();
        wait.until(ExpectedConditions.urlToBe(url("/admin/check")));
        String check = browser.findElement(By.id("check")).getText();
        assertThat(check).contains("接入检查", "需修改", "not https", "请在后台确认", "网页授权域名");
        assertThat(browser.findElements(By.cssSelector("tr.check-row.ok"))).hasSizeGreaterThanOrEqualTo(4);
        screenshot("admin-8-check");

        browser.get(url("/admin/audit?page=abc"));
        assertThat(browser.findElement(By.id("problem")).getText()).contains("页码应为");
        // the removed admin can no longer log in
        browser.manage().deleteAllCookies();
        browser.get(url("/admin/login"));
        assertThat(scanLoginCode(helper)).contains("您不是管理员");
        assertThat(((JavascriptExecutor) browser).executeScript("return document.cookie"))
                .asString()
                .doesNotContain("wxqr_session");

        // signing out everywhere ends the boss's sessions, this browser's too
        openAsBoss("/admin/admins");
        browser.findElement(By.id("end-all-sessions")).click();
        wait.until(ExpectedConditions.urlToBe(url("/admin/login")));
        browser.get(url("/admin/leads"));
        wait.until(ExpectedConditions.urlToBe(url("/admin/login")));
    }
}
