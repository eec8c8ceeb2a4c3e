package com.wxqr.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.remote.Batch;
import com.wxqr.app.remote.ClusterDemo;
import com.wxqr.app.remote.ClusterDemo.Instance;
import com.wxqr.app.remote.JsonClient;
import com.wxqr.app.system.TestPostgres;
import com.wxqr.emulator.browser.Chromium;
import com.wxqr.emulator.browser.PhonePage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three app instances on one PostgreSQL database behind nginx round robin, the emulator standalone,
 * all started by {@code deploy/cluster-demo} from the built jars (run by failsafe after
 * {@code package}). First a newcomer's journey in Chromium, as the README tells it: the quote on the site
 * through nginx, then scan, follow, card and tap on the emulator's phone page, ending with the quote page
 * and the nickname inside the phone's frame. Then 30 journeys through nginx (quote → QR → scan → card → tap → consent → nickname on
 * the page), then {@code kill -9} of one instance while 30 more run. Each visitor connects to nginx
 * from its own loopback address (127.0.0.x), so nginx's {@code X-Forwarded-For} gives each its own
 * rate-limit bucket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    ClusterDemo cluster;
    final JsonClient json = new JsonClient(Duration.ofSeconds(60));
    final List<Long> crossInstanceMillis = new CopyOnWriteArrayList<>();
    final AtomicInteger retriedCreates = new AtomicInteger();

    @BeforeAll
    void startCluster() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.exists(root.resolve("deploy/cluster-demo"))) {
            root = root.getParent();
        }
        assertThat(root.resolve("app/target/wxqr-app.jar"))
                .as("the app jar (built by package)")
                .exists();
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        // every journey's page streams come from this one test process (127.0.0.1) to each instance directly:
        // lift the per-client stream cap (20), which is there for real visitors behind nginx
        environment.put("WXQR_LIVE_MAX_STREAMS_PER_CLIENT", "1000");
        // the tests' PostgreSQL (the machine's, or the embedded one TestPostgres started)
        TestPostgres postgres = TestPostgres.server();
        URI database = URI.create(postgres.url().substring("jdbc:".length()));
        environment.put("PGHOST", database.getHost());
        environment.put("PGPORT", String.valueOf(database.getPort() < 0 ? 5432 : database.getPort()));
        environment.put("PGUSER", postgres.user());
        if (postgres.password() != null && !postgres.password().isEmpty()) {
            environment.put("PGPASSWORD", postgres.password());
        }
        cluster = ClusterDemo.start(root, 3, List.of("--qr-rate-limit=20"), environment, START_TIMEOUT);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aNewcomerOnThePhonePageSeesTheQuotePageWithTheirNicknameInsideThePhonesFrame() throws Exception {
        WebDriver browser = Chromium.start("--window-size=1280,900");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
            wait.ignoring(StaleElementReferenceException.class); // the phone page re-renders its lists

            // the quote on the site, through nginx
            browser.get(cluster.site().resolve("/").toString());
            browser.findElement(By.id("usableArea")).sendKeys("89");
            new Select(browser.findElement(By.id("layout"))).selectByValue("3-2");
            browser.findElement(By.cssSelector("input[name=grade][value=standard]"))
                    .click();
            browser.findElement(By.id("submit-quote")).click();
            WebElement qr = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("qr-image")));
            wait.until(d ->
                    ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth", qr)).intValue()
                            > 0);
            assertThat(browser.findElement(By.id("status")).getText()).contains("等待扫码");
            String pcPage = browser.getWindowHandle();
            Path picture = Files.createTempFile("wxqr-cluster-code-", ".png");
            Files.write(
                    picture,
                    json.http()
                            .send(
                                    HttpRequest.newBuilder(URI.create(qr.getAttribute("src")))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofByteArray())
                            .body());

            // the phone, at the address the script printed: a new user scans the picture, follows, gets the card
            browser.switchTo().newWindow(WindowType.WINDOW);
            browser.manage().window().setSize(new Dimension(480, 960));
            PhonePage phone = new PhonePage(browser);
            phone.open(cluster.emulator().resolve("/phone"), "装修报价（集群演示）");
            phone.createUser("小红");
            phone.scanPicture(picture);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("profile")));
            WebElement card = phone.follow();
            assertThat(card.getText()).contains("您的装修报价");
            String phoneWindow = browser.getWindowHandle();

            browser.switchTo().window(pcPage);
            wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "delivered"));
            assertThat(browser.findElement(By.id("status")).getText()).contains("报价已发送到您的微信");

            // the card tapped: WeChat's consent page in the phone's frame, then the quote page there with the nickname
            browser.switchTo().window(phoneWindow);
            phone.tapNewsCard().click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("owner-nickname"), "小红"));
            WebElement avatar = browser.findElement(By.id("owner-avatar"));
            wait.until(
                    d -> ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth", avatar))
                                    .intValue()
                            > 0);
            assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("61,187.50");
            assertThat((String) ((JavascriptExecutor) browser).executeScript("return location.origin"))
                    .as("the page in the phone's frame")
                    .isEqualTo(cluster.site().toString());
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(2)
    void journeysThroughNginxCompleteWhicheverInstanceServesEachStepAndWhenOneIsKilled() throws Exception {
        theTwentyFirstQrRequestFromOneClientAcrossTheInstancesIsRefused();

        List<String> phase1 = runJourneys(0, 30, cluster.instances(), null);
        Instance victim = cluster.instances().get(2);
        List<Instance> survivors = cluster.instances().subList(0, 2);
        List<String> phase2 = runJourneys(30, 30, survivors, () -> {
            ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
        });
        assertThat(ProcessHandle.of(victim.pid()).map(ProcessHandle::isAlive).orElse(false))
                .as("killed")
                .isFalse();

        // each card exactly once, in every chat
        Thread.sleep(2000);
        List<String> openids = new ArrayList<>(phase1);
        openids.addAll(phase2);
        for (String openid : openids) {
            JsonNode chat = control("GET", "/emulator/users/" + openid + "/chat?after=0", null);
            long cards = 0;
            for (JsonNode message : chat) {
                if ("account".equals(message.get("from").asString())
                        && "news".equals(message.get("type").asString())) {
                    cards++;
                }
            }
            assertThat(cards).as("cards in the chat of %s", openid).isEqualTo(1);
        }

        // one access_token fetch in all, shared by the three instances through the database
        JsonNode tokenCalls = control("GET", "/emulator/calls?path=/cgi-bin/token", null);
        JsonNode stableCalls = control("GET", "/emulator/calls?path=/cgi-bin/stable_token", null);
        assertThat(tokenCalls.size() + stableCalls.size()).as("token fetches").isEqualTo(1);

        // every OAuth redirect accepted, also where it landed on another instance than the one that issued the state
        List<String> log = Files.readAllLines(cluster.accessLog());
        Map<String, String> stateIssuedBy = new HashMap<>();
        Pattern issued = Pattern.compile(
                ".*\"GET /q/\\S+ HTTP/1\\.1\" upstream=(?:\\S+, )*(\\S+) .*location=\".*[?&]state=([A-Za-z0-9]+).*");
        Pattern redirect = Pattern.compile(
                "\\S+ (\\d+) \"GET /oauth/wechat\\?\\S*state=([A-Za-z0-9]+)\\S* HTTP/1\\.1\" upstream=(?:\\S+, )*(\\S+) .*");
        for (String line : log) {
            Matcher m = issued.matcher(line);
            if (m.matches()) {
                stateIssuedBy.put(m.group(2), m.group(1));
            }
        }
        int redirects = 0;
        int crossInstance = 0;
        for (String line : log) {
            Matcher m = redirect.matcher(line);
            if (m.matches()) {
                redirects++;
                assertThat(m.group(1)).as("the answer to %s", line).isEqualTo("302");
                if (!m.group(3).equals(stateIssuedBy.get(m.group(2)))) {
                    crossInstance++;
                }
            }
        }
        assertThat(redirects).isGreaterThanOrEqualTo(60);
        assertThat(crossInstance)
                .as("redirects that landed on another instance than the one that issued the state")
                .isPositive();

        // live status on an instance other than the one that handled the push
        assertThat(crossInstanceMillis).as("status events on other instances").hasSizeGreaterThanOrEqualTo(60);
        List<Long> sorted = new ArrayList<>(crossInstanceMillis);
        Collections.sort(sorted);
        long p50 = sorted.get(sorted.size() / 2);
        long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        System.out.printf(
                "ClusterIT: %d journeys, %d OAuth redirects (%d on another instance than the state's), "
                        + "%d quote creations retried after the kill; push -> 'delivered' SSE event on another instance: "
                        + "p50 %d ms, p99 %d ms, max %d ms (n=%d)%n",
                openids.size(),
                redirects,
                crossInstance,
                retriedCreates.get(),
                p50,
                p99,
                sorted.get(sorted.size() - 1),
                sorted.size());
    }

    void theTwentyFirstQrRequestFromOneClientAcrossTheInstancesIsRefused() throws IOException {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            // the forwarded header a client sends is replaced by nginx, so it buys no fresh bucket
            statuses.add(createQuote(2, "198.51.100." + i).status());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(201);
        assertThat(statuses.get(20)).isEqualTo(429);
        assertThat(createQuote(3, null).status()).as("another client").isEqualTo(201);
    }

    /** Runs {@code count} journeys, five at a time; {@code midway} runs once five of them have finished. */
    List<String> runJourneys(int first, int count, List<Instance> followOn, Runnable midway) throws Exception {
        AtomicInteger next = new AtomicInteger(first);
        AtomicInteger done = new AtomicInteger();
        Batch<String> batch = Batch.run(count, 5, () -> {
            String openid = journey(next.getAndIncrement(), followOn);
            if (done.incrementAndGet() == 5 && midway != null) {
                midway.run();
            }
            return openid;
        });
        assertThat(batch.failures()).as("journeys that failed").isEmpty();
        return batch.done();
    }

    /** One visitor, from its own loopback address; the openid of its WeChat user. */
    String journey(int n, List<Instance> followOn) throws Exception {
        int source = 10 + n; // 127.0.0.10 and up
        Raw created = createQuote(source, null);
        for (int attempt = 0; created.status() >= 502 && attempt < 3; attempt++) {
            retriedCreates.incrementAndGet(); // the instance died under the request: the visitor tries again
            created = createQuote(source, null);
        }
        assertThat(created.status()).as("POST /api/quotes: %s", created.body()).isEqualTo(201);
        JsonNode quote = JSON.readTree(created.body());
        String id = quote.get("id").asString();

        Map<URI, Long> delivered = new ConcurrentHashMap<>();
        List<java.util.concurrent.CompletableFuture<?>> streams = new ArrayList<>();
        List<java.util.concurrent.CountDownLatch> waiting = new ArrayList<>();
        for (Instance instance : followOn) {
            java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
            waiting.add(opened);
            streams.add(json.http()
                    .sendAsync(
                            HttpRequest.newBuilder(instance.url().resolve("/api/quotes/" + id + "/events"))
                                    .header("Accept", "text/event-stream")
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> response.body().forEach(line -> {
                        if (line.startsWith("event:")) {
                            opened.countDown();
                            if (line.contains("delivered")) {
                                delivered.putIfAbsent(instance.url(), System.nanoTime());
                            }
                        }
                    })));
        }
        for (java.util.concurrent.CountDownLatch opened : waiting) {
            assertThat(opened.await(30, TimeUnit.SECONDS))
                    .as("SSE stream opened")
                    .isTrue();
        }

        String nickname = "集群" + n;
        JsonNode user = control(
                "POST",
                "/emulator/users",
                JSON.createObjectNode().put("appId", cluster.appId()).put("nickname", nickname));
        String openid = user.get("openid").asString();
        long pushed = System.nanoTime();
        JsonNode delivery = control(
                "POST",
                "/emulator/users/" + openid + "/scan",
                JSON.createObjectNode().put("url", quote.get("qr").get("url").asString()));
        assertThat(delivery.get("outcome").asString())
                .as("the push's outcome: %s", delivery)
                .isEqualTo("replied");
        JsonNode card = delivery.get("reply").get("articles").get(0);
        assertThat(card.get("url").asString()).isEqualTo(quote.get("pageUrl").asString());

        JsonNode opened = control(
                "POST",
                "/emulator/users/" + openid + "/open",
                JSON.createObjectNode().put("url", card.get("url").asString()).put("consent", true));
        assertThat(opened.get("status").asInt())
                .as("the page after web authorization")
                .isEqualTo(200);
        assertThat(opened.get("body").asString()).contains(nickname);

        String handler = pushHandler(openid);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.size() < followOn.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        streams.forEach(s -> s.cancel(true));
        for (Instance instance : followOn) {
            assertThat(delivered)
                    .as("'delivered' on instance %d", instance.number())
                    .containsKey(instance.url());
            if (!instance.url().getAuthority().equals(handler)) {
                crossInstanceMillis.add(
                        TimeUnit.NANOSECONDS.toMillis(Math.max(0, delivered.get(instance.url()) - pushed)));
            }
        }
        return openid;
    }

    /** The instance (host:port) to which nginx passed the answered push for {@code openid}. */
    String pushHandler(String openid) throws IOException {
        Pattern push = Pattern.compile("\\S+ 200 \"POST /wechat/callback\\?\\S*openid=" + Pattern.quote(openid)
                + "\\S* HTTP/1\\.1\" upstream=(?:\\S+, )*(\\S+) upstream_status=(?:\\S+, )*200 .*");
        for (String line : Files.readAllLines(cluster.accessLog())) {
            Matcher m = push.matcher(line);
            if (m.matches()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no answered push for " + openid + " in nginx's access log");
    }

    JsonNode control(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return json.call(cluster.emulator(), method, path, body, 0);
    }

    record Raw(int status, String body) {}

    /**
     * {@code POST /api/quotes} through nginx from 127.0.0.{@code source}, a loopback address of this
     * machine (java.net.http cannot choose the local address on Java 17, so HTTP/1.0 over a plain socket).
     */
    Raw createQuote(int source, String forwardedFor) throws IOException {
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("usableArea", 89)
                .put("layout", "3-2")
                .put("grade", "standard"));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) source}), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", cluster.site().getPort()), 5000);
            socket.setSoTimeout(60_000);
            String head = "POST /api/quotes HTTP/1.0\r\nHost: " + cluster.site().getAuthority() + "\r\n"
                    + "Content-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length
                    + "\r\n"
                    + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            return new Raw(status, split < 0 ? "" : response.substring(split + 4));
        }
    }
}
