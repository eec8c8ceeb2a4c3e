package com.wxqr.bench.http;

import com.wxqr.bench.Arguments;
import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.MessageMode;
import com.wxqr.mp.callback.Push;
import com.wxqr.mp.crypto.Signatures;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Load generator for the app's {@code /wechat/callback}, run as a second process on loopback.
 * Each push is a real safe-mode push made by {@link CallbackCodec#encodePush} for a distinct user
 * and scene (so each one is a new dedupe key in the app's database), signed with the current time
 * when it is sent (as WeChat does), so that no run outlives the app's signature window.
 * Beside it, in the same run and on the same server, a ceiling: the URL verification GET of the
 * same endpoint (signature check only: no decryption, parsing or database), and a static file.
 *
 * <p>Per target: a closed-model saturation phase ({@code --workers} threads sending back to back)
 * and an open-model phase at each fixed offered rate ({@code --rates}, per second, each latency measured from the
 * request's scheduled time, so a stalled server is not hidden by the generator waiting for it).
 * Latency percentiles from HdrHistogram.
 *
 * <p>Run the app first (demo mode: its account is the fixed demo account below), then:
 * {@code java -cp bench/target/wxqr-bench.jar com.wxqr.bench.http.CallbackLoad --url=http://127.0.0.1:8080}
 */
public final class CallbackLoad {

    private static final String DEMO_APP_ID = "wx421e65533de9316e";
    private static final String DEMO_TOKEN = "wxqrdemotoken";
    private static final String DEMO_AES_KEY = "ypwLvILaUpXS3m7D6SdhgPS8MVVkdNfWQjyrHRcQk2j";
    private static final String DEMO_ORIGINAL_ID = "gh_9a8b7c6d5e4f";
    /** The arguments ({@code --name=value}) and their defaults. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "url", "http://127.0.0.1:8080",
            "rates", "500,2000",
            "seconds", "15",
            "warmup", "10",
            "workers", "32",
            "appid", DEMO_APP_ID,
            "token", DEMO_TOKEN,
            "aes-key", DEMO_AES_KEY,
            "original-id", DEMO_ORIGINAL_ID,
            "static", "/app.css");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final CallbackCodec codec;
    private final String token;
    private final String originalId;
    /** Names this run's users and scenes: each run's pushes are new users in a reused database. */
    private final SplittableRandom random = new SplittableRandom();

    private CallbackLoad(URI base, String appId, String token, String aesKey, String originalId) {
        this.base = base;
        this.codec = CallbackCodec.builder()
                .token(token)
                .appId(appId)
                .encodingAesKey(aesKey)
                .build();
        this.token = token;
        this.originalId = originalId;
    }

    /** One phase's outcome. */
    record Phase(
            String target,
            String model,
            double offered,
            long sent,
            long ok,
            long failed,
            double seconds,
            Histogram latency) {
        double throughput() {
            return ok / seconds;
        }

        String row() {
            return String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %.0f | %d | %.2f | %.2f | %.2f | %.2f |",
                    target,
                    model,
                    offered > 0 ? String.format(Locale.ROOT, "%.0f", offered) : "as fast as possible",
                    throughput(),
                    failed,
                    latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0,
                    latency.getValueAtPercentile(99.9) / 1000.0,
                    latency.getMaxValue() / 1000.0);
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments o = Arguments.parse(args, DEFAULTS);
        CallbackLoad load = new CallbackLoad(
                URI.create(o.get("url")), o.get("appid"), o.get("token"), o.get("aes-key"), o.get("original-id"));
        List<Integer> rates = o.numbers("rates", 1);
        int seconds = o.number("seconds", 1);
        int warmup = o.number("warmup", 0);
        int workers = o.number("workers", 1);
        String staticPath = o.get("static");

        load.check();
        IntFunction<HttpRequest> push = load.pushes();
        IntFunction<HttpRequest> verify = load.verifications();
        IntFunction<HttpRequest> staticFile =
                i -> HttpRequest.newBuilder(load.base.resolve(staticPath)).GET().build();

        System.out.printf(
                Locale.ROOT,
                "Load on %s: %d s saturation with %d workers and %d s at each of %s/s per target, after %d s warm-up%n%n",
                load.base,
                seconds,
                workers,
                seconds,
                o.get("rates"),
                warmup);
        load.closed("warm-up", push, workers, warmup);
        load.closed("warm-up", verify, workers, warmup / 2);
        List<Phase> phases = new ArrayList<>();
        phases.add(load.closed("ceiling: GET /wechat/callback (URL verification)", verify, workers, seconds));
        phases.add(load.closed("ceiling: GET " + staticPath, staticFile, workers, seconds));
        phases.add(load.closed("POST /wechat/callback (safe-mode push)", push, workers, seconds));
        for (int rate : rates) {
            phases.add(load.open("ceiling: GET /wechat/callback (URL verification)", verify, rate, seconds, workers));
            phases.add(load.open("POST /wechat/callback (safe-mode push)", push, rate, seconds, workers));
        }

        System.out.println("| target | model | offered/s | done/s | failed | p50 ms | p99 ms | p99.9 ms | max ms |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        phases.forEach(p -> System.out.println(p.row()));
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "saturation: push / URL-verification ceiling = %.2f, push / static file = %.2f%n",
                phases.get(2).throughput() / phases.get(0).throughput(),
                phases.get(2).throughput() / phases.get(1).throughput());
        for (int r = 0; r < rates.size(); r++) {
            Phase ceiling = phases.get(3 + 2 * r);
            Phase pushes = phases.get(4 + 2 * r);
            System.out.printf(
                    Locale.ROOT,
                    "at %d/s offered: push done %.0f/s, p99 %.2f ms; ceiling done %.0f/s, p99 %.2f ms%n",
                    rates.get(r),
                    pushes.throughput(),
                    pushes.latency().getValueAtPercentile(99) / 1000.0,
                    ceiling.throughput(),
                    ceiling.latency().getValueAtPercentile(99) / 1000.0);
        }
    }

    /** One push answered with a reply we can open: the app is up and speaks our account's keys. */
    private void check() throws Exception {
        HttpResponse<String> r = http.send(pushes().apply(0), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the app answered a push with HTTP " + r.statusCode() + ": " + r.body()
                    + " (is it running at " + base + " with the account given by --appid/--token/--aes-key?)");
        }
        codec.openReply(r.body());
    }

    /**
     * Requests carrying distinct pushes: each a new user scanning a new (unknown) scene. Each push is made, signed and encrypted when it is asked
     * for, with the current time as its timestamp: the app refuses a push older than its signature
     * window (5 minutes by default), which a push prepared at the start of a long run would be.
     */
    private IntFunction<HttpRequest> pushes() {
        String run = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        AtomicInteger next = new AtomicInteger();
        return ignored -> push(run, next.getAndIncrement());
    }

    /** Push {@code i} of the run {@code run}, signed now. */
    private HttpRequest push(String run, int i) {
        String openid = "oBench" + run + "u" + i;
        String scene = "bench-" + run + "-" + i;
        String now = Long.toString(Instant.now().getEpochSecond());
        boolean follow = (i & 1) == 0;
        String xml = "<xml><ToUserName><![CDATA[" + originalId + "]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + now
                + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA["
                + (follow ? "subscribe" : "SCAN") + "]]></Event><EventKey><![CDATA[" + (follow ? "qrscene_" : "")
                + scene
                + "]]></EventKey><Ticket><![CDATA[t" + i + "]]></Ticket></xml>";
        Push push = codec.encodePush(xml, MessageMode.SAFE, now, Long.toString(100_000 + i), openid);
        return HttpRequest.newBuilder(base.resolve("/wechat/callback?" + query(push.query())))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(push.body()))
                .build();
    }

    private IntFunction<HttpRequest> verifications() {
        return i -> {
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            String nonce = Integer.toString(i);
            Map<String, String> q = new LinkedHashMap<>();
            q.put("signature", Signatures.sign(token, timestamp, nonce));
            q.put("timestamp", timestamp);
            q.put("nonce", nonce);
            q.put("echostr", "e" + i);
            return HttpRequest.newBuilder(base.resolve("/wechat/callback?" + query(q)))
                    .GET()
                    .build();
        };
    }

    private static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return q.toString();
    }

    /** {@code workers} threads sending back to back for {@code seconds}. */
    private Phase closed(String target, IntFunction<HttpRequest> requests, int workers, int seconds)
            throws InterruptedException {
        Histogram latency = new Histogram(60_000_000L, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicInteger counter = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(workers);
        List<Histogram> perWorker = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Histogram mine = new Histogram(60_000_000L, 3);
            perWorker.add(mine);
            Thread t = new Thread(
                    () -> {
                        try {
                            while (System.nanoTime() < end) {
                                HttpRequest request = requests.apply(counter.getAndIncrement());
                                long start = System.nanoTime();
                                send(request, ok, failed);
                                mine.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                            }
                        } finally {
                            done.countDown();
                        }
                    },
                    "load-" + w);
            t.setDaemon(true);
            t.start();
        }
        long started = System.nanoTime();
        done.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        perWorker.forEach(latency::add);
        return new Phase(
                target, "closed, " + workers + " workers", 0, counter.get(), ok.get(), failed.get(), elapsed, latency);
    }

    /** Sends one request and counts it as ok (HTTP 200) or failed (any other status, any error). */
    private void send(HttpRequest request, AtomicLong ok, AtomicLong failed) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            (r.statusCode() == 200 ? ok : failed).incrementAndGet();
        } catch (Exception e) {
            failed.incrementAndGet();
        }
    }

    /**
     * Offers {@code rate} requests per second for {@code seconds} over {@code workers} connections,
     * as wrk2 does: worker {@code w} owns every {@code workers}-th slot of one global schedule and
     * sends each request at its slot's time, or at once when it is behind; each latency is counted
     * from the slot's time, so time spent queued behind a slow answer is part of it (no coordinated
     * omission). A server that cannot keep up shows it as growing latency and a lower done/s.
     */
    private Phase open(String target, IntFunction<HttpRequest> requests, int rate, int seconds, int workers)
            throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicInteger counter = new AtomicInteger();
        long total = (long) rate * seconds;
        double interval = 1e9 / rate;
        long start = System.nanoTime() + 20_000_000L;
        long deadline = start + (seconds + 30) * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(workers);
        List<Histogram> perWorker = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int first = w;
            Histogram mine = new Histogram(120_000_000L, 3);
            perWorker.add(mine);
            Thread t = new Thread(
                    () -> {
                        try {
                            for (long slot = first; slot < total && System.nanoTime() < deadline; slot += workers) {
                                long due = start + (long) (slot * interval);
                                long wait;
                                while ((wait = due - System.nanoTime()) > 0) {
                                    LockSupport.parkNanos(wait);
                                }
                                send(requests.apply(counter.getAndIncrement()), ok, failed);
                                mine.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                            }
                        } finally {
                            done.countDown();
                        }
                    },
                    "open-" + w);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram latency = new Histogram(120_000_000L, 3);
        perWorker.forEach(latency::add);
        return new Phase(
                target,
                "open, " + workers + " connections",
                rate,
                counter.get(),
                ok.get(),
                failed.get(),
                elapsed,
                latency);
    }
}
