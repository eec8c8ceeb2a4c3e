package com.wxqr.bench.e2e;

import com.wxqr.app.remote.Batch;
import com.wxqr.app.remote.JsonClient;
import com.wxqr.bench.Arguments;
import com.wxqr.bench.Percentile;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * N visitors end to end against the app in demo mode and its embedded emulator, each on its own:
 * create a quote ({@code POST /api/quotes}, which also issues the QR code), become a WeChat user of
 * the emulator, scan the quote's QR URL, and wait until the quote's card is in the user's chat. At
 * the end every chat is read again (after a settling pause) and must hold the card of that quote
 * exactly once. The baseline of the same run: the same journey done alone, one after another.
 *
 * <p>Start the app with a QR rate limit that lets one address create many codes, e.g.
 * {@code java -jar app/target/wxqr-app.jar --server.port=18080 --wxqr.demo.emulator-port=18081 --wxqr.qr.rate-limit=1000000}
 * (add {@code --wxqr.delivery.mode=custom} for customer-service delivery), then
 * {@code java -cp bench/target/wxqr-bench.jar com.wxqr.bench.e2e.Journeys --visitors=200 --concurrency=8}.
 */
public final class Journeys {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEMO_APP_ID = "wx421e65533de9316e";
    /** The arguments ({@code --name=value}) and their defaults. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "app", "http://127.0.0.1:18080",
            "emulator", "http://127.0.0.1:18081",
            "appid", DEMO_APP_ID,
            "visitors", "200",
            "concurrency", "8",
            "alone", "10",
            "timeout-seconds", "30");

    private final URI app;
    private final URI emulator;
    private final String appId;
    private final Duration deliveryTimeout;
    private final JsonClient json = new JsonClient(Duration.ofSeconds(60));

    private Journeys(URI app, URI emulator, String appId, Duration deliveryTimeout) {
        this.app = app;
        this.emulator = emulator;
        this.appId = appId;
        this.deliveryTimeout = deliveryTimeout;
    }

    /** One visitor's journey: who, which quote, how long until the card was in the chat. */
    record Journey(String openid, String quoteId, double millis) {}

    public static void main(String[] args) throws Exception {
        Arguments o = Arguments.parse(args, DEFAULTS);
        Journeys journeys = new Journeys(
                URI.create(o.get("app")),
                URI.create(o.get("emulator")),
                o.get("appid"),
                Duration.ofSeconds(o.number("timeout-seconds", 1)));
        int visitors = o.number("visitors", 1);
        int concurrency = o.number("concurrency", 1);
        int alone = o.number("alone", 0);

        List<Journey> all = new ArrayList<>();
        journeys.journey(); // warm-up, not counted
        long t0 = System.nanoTime();
        List<Journey> sequential = new ArrayList<>();
        for (int i = 0; i < alone; i++) {
            sequential.add(journeys.journey());
        }
        double aloneSeconds = (System.nanoTime() - t0) / 1e9;
        all.addAll(sequential);

        long t1 = System.nanoTime();
        Batch<Journey> concurrent = Batch.run(visitors, concurrency, journeys::journey);
        concurrent.failures().stream().limit(5).forEach(e -> System.err.println("journey failed: " + e));
        double concurrentSeconds = (System.nanoTime() - t1) / 1e9;
        all.addAll(concurrent.done());

        Thread.sleep(3000); // let any late duplicate (a retried push, a second outbox send) arrive
        int exactlyOnce = 0;
        List<String> wrong = new ArrayList<>();
        for (Journey j : all) {
            int cards = journeys.cardsFor(j.openid(), j.quoteId());
            if (cards == 1) {
                exactlyOnce++;
            } else {
                wrong.add(j.quoteId() + "=" + cards);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "| phase | journeys | failed | journeys/s | p50 ms | p99 ms | max ms |%n|---|---:|---:|---:|---:|---:|---:|%n");
        row("alone, one after another (baseline)", sequential, 0, aloneSeconds);
        row(concurrency + " visitors at a time", concurrent.done(), concurrent.failed(), concurrentSeconds);
        System.out.printf(
                Locale.ROOT,
                "%nthroughput with %d at a time / alone = %.2f; delivered exactly once: %d of %d%s%n",
                concurrency,
                (concurrent.done().size() / concurrentSeconds) / (sequential.size() / aloneSeconds),
                exactlyOnce,
                all.size(),
                wrong.isEmpty() ? "" : " (not once: " + wrong + ")");
    }

    private static void row(String phase, List<Journey> journeys, int failed, double seconds) {
        double[] ms = journeys.stream().mapToDouble(Journey::millis).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %d | %.1f | %.0f | %.0f | %.0f |%n",
                phase,
                journeys.size(),
                failed,
                journeys.size() / seconds,
                Percentile.of(ms, 50),
                Percentile.of(ms, 99),
                ms.length == 0 ? Double.NaN : ms[ms.length - 1]);
    }

    /** Quote, user, scan, and wait for the card; throws if any step fails or the card does not come. */
    Journey journey() throws Exception {
        long start = System.nanoTime();
        ObjectNode form = JSON.createObjectNode()
                .put("usableArea", 60 + (System.nanoTime() % 200))
                .put("layout", "2-1")
                .put("grade", "standard");
        JsonNode quote = json.call(app, "POST", "/api/quotes", form, 201);
        String quoteId = quote.path("id").asString();
        String qrUrl = quote.path("qr").path("url").asString();
        if (qrUrl == null || qrUrl.isEmpty()) {
            throw new IllegalStateException("quote " + quoteId + " has no QR code: "
                    + quote.path("qrProblem").asString());
        }
        JsonNode user = json.call(
                emulator, "POST", "/emulator/users", JSON.createObjectNode().put("appId", appId), 201);
        String openid = user.path("openid").asString();
        json.call(
                emulator,
                "POST",
                "/emulator/users/" + openid + "/scan",
                JSON.createObjectNode().put("url", qrUrl),
                200);
        long deadline = System.nanoTime() + deliveryTimeout.toNanos();
        while (cardsFor(openid, quoteId) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the card of quote " + quoteId + " did not reach " + openid + " in " + deliveryTimeout);
            }
            Thread.sleep(20);
        }
        return new Journey(openid, quoteId, (System.nanoTime() - start) / 1e6);
    }

    /** How many news cards linking to the quote's page the user has received. */
    int cardsFor(String openid, String quoteId) throws Exception {
        return Chat.cardsOf(quoteId, json.call(emulator, "GET", "/emulator/users/" + openid + "/chat", null, 200));
    }
}
