package com.wxqr.bench.e2e;

import com.wxqr.app.remote.Batch;
import com.wxqr.app.remote.ClusterDemo;
import com.wxqr.app.remote.JsonClient;
import com.wxqr.bench.Arguments;
import com.wxqr.bench.Percentile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whole journeys through nginx against a cluster started by {@code deploy/cluster-demo}, for each cluster
 * size in turn in one run (by default 1, then 3 instances), each on a fresh database and emulator. A
 * journey: create a quote ({@code POST /api/quotes} through nginx, which issues the QR code), open the PC
 * page's status stream ({@code GET /api/quotes/{id}/events}, SSE, through nginx, so it lands on any
 * instance), become an emulator user, scan the code (the emulator pushes to nginx), check the card in the
 * passive reply, open the card with web authorization and consent (the emulator's in-WeChat browser
 * through nginx: the page must show the user's nickname), and wait for the {@code delivered} event on the
 * stream.
 *
 * <p>Per size, after {@code --warmup-per-instance} unmeasured journeys per instance (a fresh JVM's JIT
 * compiles on every instance) and 10 s without journeys (the cluster's idle CPU: outbox polls, heartbeats,
 * catch-up reads), {@code --visitors} journeys, {@code --concurrency} at a time, measure:
 * journeys/s; the CPU time of the instances, the emulator, nginx and the PostgreSQL backends of the
 * cluster's database during that window (from {@code /proc}, so other load on the machine does not
 * count) per journey; and push → PC status, from the emulator's record of when it sent the push (its
 * call log, on its clock) to the {@code delivered} event's arrival here, with whether the stream was
 * on another instance than the one nginx passed the push to (from nginx's access log). Checked: every
 * journey completes, each chat holds its quote's card exactly once (after a settling pause), one
 * access_token fetch per cluster (else the exit status is 1). The first size is the baseline of the ratios.
 *
 * <p>The bench is one client address, so it raises the QR rate limit and the per-client stream cap
 * (both per client address, which nginx forwards). Build the jars ({@code mvn -B -DskipTests package}),
 * then from the repository root:
 * {@code java -cp bench/target/wxqr-bench.jar com.wxqr.bench.e2e.ClusterJourneys --instances=1,3 --visitors=200 --warmup-per-instance=50}.
 */
public final class ClusterJourneys {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final Pattern PUSH = Pattern.compile(
            "\\S+ 200 \"POST /wechat/callback\\?(?:\\S*&)?openid=([^&\\s]+)\\S* HTTP/1\\.1\" upstream=(?:\\S+, )*(\\S+) "
                    + "upstream_status=(?:\\S+, )*200 .*");
    private static final Pattern STREAM =
            Pattern.compile("\\S+ \\d+ \"GET /api/quotes/([^/\\s]+)/events HTTP/1\\.1\" upstream=(?:\\S+, )*(\\S+) .*");

    /** The run's settings, from {@code --name=value} arguments. */
    record Options(
            List<Integer> sizes,
            int visitors,
            int warmupPerInstance,
            int concurrency,
            String javaOpts,
            Duration statusTimeout,
            Path root) {

        private static final Map<String, String> DEFAULTS = Map.of(
                "instances", "1,3",
                "visitors", "200",
                "warmup-per-instance", "50",
                "concurrency", "6",
                "java-opts", "",
                "status-timeout-seconds", "10",
                "root", ".");

        /** @throws IllegalArgumentException for an unknown argument or a value out of range, naming it */
        static Options parse(String... args) {
            Arguments o = Arguments.parse(args, DEFAULTS);
            return new Options(
                    o.numbers("instances", 1),
                    o.number("visitors", 1),
                    o.number("warmup-per-instance", 0),
                    o.number("concurrency", 1),
                    o.get("java-opts"),
                    Duration.ofSeconds(o.number("status-timeout-seconds", 1)),
                    Path.of(o.get("root")).toAbsolutePath().normalize());
        }
    }

    /** One finished journey: its quote and user, the {@code delivered} event's arrival, its duration. */
    record Journey(String quoteId, String openid, Instant delivered, double millis) {}

    /** What one cluster size gave. */
    record Result(
            int instances,
            int journeys,
            int failed,
            double seconds,
            ProcessCpu.Usage cpu,
            ProcessCpu.Usage idle,
            Duration clientCpu,
            String load,
            double[] journeyMillis,
            double[] statusMillis,
            double[] crossInstanceMillis,
            int exactlyOnce,
            int tokenFetches) {

        double perSecond() {
            return journeys / seconds;
        }

        /** The deployment's own CPU time: everything but the emulator (which stands for WeChat and the phones). */
        Duration ours() {
            return cpu.total().minus(cpu.byKind().getOrDefault("emulator", Duration.ZERO));
        }

        /** CPU time of all kinds per second of the idle window. */
        double idleMillisPerSecond() {
            return idle.total().toNanos() / 1e6 / IDLE.toSeconds();
        }

        double cpuMillisPerJourney(Duration d) {
            return d.toNanos() / 1e6 / journeys;
        }
    }

    private final ClusterDemo cluster;
    private final Options options;
    private final JsonClient json = new JsonClient(REQUEST_TIMEOUT);
    private final ExecutorService streamReaders = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "sse-reader");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger numbers = new AtomicInteger();

    private ClusterJourneys(ClusterDemo cluster, Options options) {
        this.cluster = cluster;
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (!Files.isExecutable(options.root().resolve("deploy/cluster-demo"))) {
            throw new IllegalArgumentException(
                    "no deploy/cluster-demo under " + options.root() + ": run from the repository root or pass --root");
        }
        ProcessCpu cpu = ProcessCpu.linux();
        Map<String, String> environment = new HashMap<>();
        // one client address (this process, forwarded by nginx) creates every code and holds every stream
        environment.put("WXQR_LIVE_MAX_STREAMS_PER_CLIENT", "1000000");
        if (!options.javaOpts().isBlank()) {
            environment.put("JAVA_OPTS", options.javaOpts());
        }
        List<Result> results = new ArrayList<>();
        for (int size : options.sizes()) {
            System.out.printf(Locale.ROOT, "%n== %d instance(s): starting deploy/cluster-demo%n", size);
            try (ClusterDemo cluster = ClusterDemo.start(
                    options.root(), size, List.of("--qr-rate-limit=1000000"), environment, START_TIMEOUT)) {
                results.add(new ClusterJourneys(cluster, options).measure(cpu));
            }
        }
        report(results);
        List<Integer> wrong = results.stream()
                .filter(r -> r.failed() > 0 || r.exactlyOnce() != r.journeys() || r.tokenFetches() != 1)
                .map(Result::instances)
                .toList();
        if (!wrong.isEmpty()) {
            System.out.println("NOT CORRECT with " + wrong + " instance(s): a journey failed, a card did not arrive "
                    + "exactly once, or the access_token was fetched more than once (see above)");
            System.exit(1);
        }
    }

    private Result measure(ProcessCpu cpu) throws Exception {
        int instances = cluster.instances().size();
        int warmup = options.warmupPerInstance() * instances;
        System.out.printf(Locale.ROOT, "warm-up: %d journeys (not measured)%n", warmup);
        Batch<Journey> warm = run(warmup);
        if (warm.failed() > 0) {
            System.out.printf(Locale.ROOT, "warm-up: %d journeys failed%n", warm.failed());
        }
        // what the cluster costs doing nothing (outbox polls, heartbeats, catch-up reads), after the
        // warm-up's last work has settled
        Thread.sleep(IDLE.toMillis() / 2);
        ProcessCpu.Sample idleStart = cpu.sample(processes(cpu));
        Thread.sleep(IDLE.toMillis());
        ProcessCpu.Usage idle = cpu.between(idleStart, cpu.sample(processes(cpu)));

        System.out.printf(
                Locale.ROOT, "measured: %d journeys, %d at a time%n", options.visitors(), options.concurrency());
        String loadBefore = loadAverage();
        Map<String, List<Long>> processes = processes(cpu);
        ProcessCpu.Sample before = cpu.sample(processes);
        Duration clientBefore = clientCpu();
        long t0 = System.nanoTime();
        Batch<Journey> measured = run(options.visitors());
        double seconds = (System.nanoTime() - t0) / 1e9;
        ProcessCpu.Sample after = cpu.sample(processes(cpu));
        Duration client = clientCpu().minus(clientBefore);
        String load = loadBefore + " → " + loadAverage();

        Thread.sleep(3000); // let any late duplicate (a retried push, a second send) arrive
        List<Journey> done = measured.done();
        int exactlyOnce = 0;
        List<String> notOnce = new ArrayList<>();
        for (Journey j : done) {
            int cards = cardsFor(j.openid(), j.quoteId());
            if (cards == 1) {
                exactlyOnce++;
            } else {
                notOnce.add(j.quoteId() + "=" + cards);
            }
        }
        if (!notOnce.isEmpty()) {
            System.out.println("cards not exactly once: " + notOnce);
        }

        Map<String, Instant> pushSent = pushesSent();
        Map<String, String> pushUpstream = new HashMap<>();
        Map<String, String> streamUpstream = new HashMap<>();
        for (String line : Files.readAllLines(cluster.accessLog())) {
            Matcher m = PUSH.matcher(line);
            if (m.matches()) {
                pushUpstream.putIfAbsent(m.group(1), m.group(2));
            }
            m = STREAM.matcher(line);
            if (m.matches()) {
                streamUpstream.put(m.group(1), m.group(2));
            }
        }
        List<Double> status = new ArrayList<>();
        List<Double> cross = new ArrayList<>();
        int unknown = 0;
        for (Journey j : done) {
            Instant sent = pushSent.get(j.openid());
            if (sent == null) {
                throw new IllegalStateException("the emulator's call log has no push for " + j.openid());
            }
            double millis = Duration.between(sent, j.delivered()).toNanos() / 1e6;
            status.add(millis);
            String pushedTo = pushUpstream.get(j.openid());
            String streamedFrom = streamUpstream.get(j.quoteId());
            if (pushedTo == null || streamedFrom == null) {
                unknown++;
            } else if (!pushedTo.equals(streamedFrom)) {
                cross.add(millis);
            }
        }
        if (unknown > 0) {
            System.out.printf(Locale.ROOT, "%d journeys' push or stream not found in nginx's access log%n", unknown);
        }
        JsonNode tokenCalls = control("GET", "/emulator/calls?path=/cgi-bin/token", null);
        JsonNode stableCalls = control("GET", "/emulator/calls?path=/cgi-bin/stable_token", null);
        streamReaders.shutdownNow();
        return new Result(
                instances,
                done.size(),
                measured.failed(),
                seconds,
                cpu.between(before, after),
                idle,
                client,
                load,
                done.stream().mapToDouble(Journey::millis).sorted().toArray(),
                sorted(status),
                sorted(cross),
                exactlyOnce,
                tokenCalls.size() + stableCalls.size());
    }

    /**
     * The cluster's processes by kind, as of now: {@code app} (the instances), {@code emulator}, {@code nginx}
     * (master and workers, both started by the script) and {@code postgres} (the server processes serving
     * this cluster's database; the server's shared background processes are not counted).
     */
    private Map<String, List<Long>> processes(ProcessCpu cpu) {
        List<Long> emulatorPids = new ArrayList<>();
        List<Long> nginxPids = new ArrayList<>();
        cluster.script()
                .descendants()
                .forEach(p -> cpu.commandLine(p.pid()).ifPresent(line -> {
                    if (line.contains("wxqr-emulator.jar")) {
                        emulatorPids.add(p.pid());
                    } else if (line.startsWith("nginx")) {
                        nginxPids.add(p.pid());
                    }
                }));
        String backend = " " + cluster.database() + " ";
        Map<String, List<Long>> kinds = new LinkedHashMap<>();
        kinds.put(
                "app",
                cluster.instances().stream().map(ClusterDemo.Instance::pid).toList());
        kinds.put("emulator", emulatorPids);
        kinds.put("nginx", nginxPids);
        kinds.put("postgres", cpu.find(line -> line.startsWith("postgres: ") && line.contains(backend)));
        if (emulatorPids.size() != 1 || nginxPids.isEmpty()) {
            throw new IllegalStateException("the emulator or nginx is not among the script's processes: " + kinds);
        }
        return kinds;
    }

    /** {@code count} journeys, the configured number at a time; the first five failures are printed. */
    private Batch<Journey> run(int count) throws InterruptedException {
        Batch<Journey> batch = Batch.run(count, options.concurrency(), this::journey);
        batch.failures().stream().limit(5).forEach(e -> System.err.println("journey failed: " + e));
        return batch;
    }

    /** One visitor's journey; throws if a step fails or the {@code delivered} event does not come. */
    Journey journey() throws Exception {
        long start = System.nanoTime();
        int n = numbers.incrementAndGet();
        ObjectNode form = JSON.createObjectNode()
                .put("usableArea", 60 + n % 100)
                .put("layout", "3-2")
                .put("grade", "standard");
        JsonNode quote = json.call(cluster.site(), "POST", "/api/quotes", form, 201);
        String quoteId = quote.path("id").asString();
        String qrUrl = quote.path("qr").path("url").asString("");
        if (qrUrl.isEmpty()) {
            throw new IllegalStateException("quote " + quoteId + " has no QR code: "
                    + quote.path("qrProblem").asString(""));
        }
        try (StatusStream stream = openStream(quoteId)) {
            String nickname = "访客" + cluster.instances().size() + "-" + n;
            JsonNode user = control(
                    "POST",
                    "/emulator/users",
                    JSON.createObjectNode().put("appId", cluster.appId()).put("nickname", nickname));
            String openid = user.path("openid").asString();
            JsonNode delivery = control(
                    "POST",
                    "/emulator/users/" + openid + "/scan",
                    JSON.createObjectNode().put("url", qrUrl));
            if (!"replied".equals(delivery.path("outcome").asString(""))) {
                throw new IllegalStateException("the push for quote " + quoteId + " was not replied to: " + delivery);
            }
            String cardUrl =
                    delivery.path("reply").path("articles").path(0).path("url").asString("");
            if (!cardUrl.equals(quote.path("pageUrl").asString())) {
                throw new IllegalStateException("the card links to " + cardUrl + ", not to the quote's page");
            }
            JsonNode page = control(
                    "POST",
                    "/emulator/users/" + openid + "/open",
                    JSON.createObjectNode().put("url", cardUrl).put("consent", true));
            if (page.path("status").asInt() != 200
                    || !page.path("body").asString("").contains(nickname)) {
                throw new IllegalStateException("the quote's page after web authorization (HTTP "
                        + page.path("status").asInt() + ") does not show the nickname " + nickname);
            }
            Instant delivered = stream.await("delivered", options.statusTimeout());
            return new Journey(quoteId, openid, delivered, (System.nanoTime() - start) / 1e6);
        }
    }

    /** The PC page's status stream, read on its own thread; {@link #close()} ends it. */
    private final class StatusStream implements AutoCloseable {
        private final InputStream body;
        private final CountDownLatch opened = new CountDownLatch(1);
        private final Map<String, Instant> arrived = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> waiting = new java.util.concurrent.ConcurrentHashMap<>();

        StatusStream(InputStream body) {
            this.body = body;
        }

        void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        Instant now = Instant.now();
                        String name = line.substring("event:".length()).strip();
                        arrived.putIfAbsent(name, now);
                        latch(name).countDown();
                        opened.countDown();
                    }
                }
            } catch (IOException e) {
                // closed by the journey
            }
        }

        private CountDownLatch latch(String name) {
            return waiting.computeIfAbsent(name, k -> new CountDownLatch(1));
        }

        /** When the named event first arrived; waits for it up to {@code timeout}. */
        Instant await(String name, Duration timeout) throws InterruptedException {
            if (!latch(name).await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "no '" + name + "' event on the stream in " + timeout + "; got " + arrived.keySet());
            }
            return arrived.get(name);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** Opens the quote's status stream through nginx and waits for its first event (the current status). */
    private StatusStream openStream(String quoteId) throws Exception {
        HttpResponse<InputStream> response = json.http()
                .send(
                        HttpRequest.newBuilder(cluster.site().resolve("/api/quotes/" + quoteId + "/events"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IllegalStateException("GET /api/quotes/" + quoteId + "/events: HTTP " + response.statusCode());
        }
        StatusStream stream = new StatusStream(response.body());
        var unused = streamReaders.submit(stream::read);
        if (!stream.opened.await(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            stream.close();
            throw new IllegalStateException("the status stream of quote " + quoteId + " sent nothing");
        }
        return stream;
    }

    /** When the emulator sent each user's first push, by openid, from its call log on its clock. */
    private Map<String, Instant> pushesSent() throws Exception {
        long offsetSeconds =
                control("GET", "/emulator/clock", null).path("offsetSeconds").asLong();
        String callback = cluster.site().resolve("/wechat/callback").toString();
        Map<String, Instant> sent = new HashMap<>();
        for (JsonNode call : control("GET", "/emulator/calls", null)) {
            if (!"push".equals(call.path("kind").asString(""))
                    || !callback.equals(call.path("path").asString(""))) {
                continue;
            }
            // recorded when the answer came, with the time it took
            Instant at = Instant.parse(call.path("time").asString())
                    .minusSeconds(offsetSeconds)
                    .minusMillis(call.path("millis").asLong());
            sent.merge(call.path("query").path("openid").asString(""), at, (a, b) -> a.isBefore(b) ? a : b);
        }
        return sent;
    }

    /** How many news cards linking to the quote's page the user has received. */
    private int cardsFor(String openid, String quoteId) throws Exception {
        return Chat.cardsOf(quoteId, control("GET", "/emulator/users/" + openid + "/chat", null));
    }

    private JsonNode control(String method, String path, JsonNode body) throws Exception {
        return json.call(cluster.emulator(), method, path, body, 0);
    }

    private static double[] sorted(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static Duration clientCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0];
    }

    private static void report(List<Result> results) {
        if (results.isEmpty()) {
            return;
        }
        List<String> kinds = new ArrayList<>(results.get(0).cpu().byKind().keySet());
        System.out.printf(Locale.ROOT, "%n| instances | journeys | failed | journeys/s | CPU ms per journey: ");
        System.out.print(String.join(" | ", kinds));
        System.out.printf(
                Locale.ROOT,
                " | total | without the emulator | idle CPU ms/s | load avg (1 min) |%n|---:|---:|---:|---:|");
        System.out.print("---:|".repeat(kinds.size() + 3));
        System.out.println("---|");
        for (Result r : results) {
            StringBuilder row = new StringBuilder();
            row.append(String.format(
                    Locale.ROOT, "| %d | %d | %d | %.1f |", r.instances(), r.journeys(), r.failed(), r.perSecond()));
            for (String kind : kinds) {
                row.append(String.format(
                        Locale.ROOT,
                        " %.1f |",
                        r.cpuMillisPerJourney(r.cpu().byKind().get(kind))));
            }
            row.append(String.format(
                    Locale.ROOT,
                    " **%.1f** | %.1f | %.0f | %s |",
                    r.cpuMillisPerJourney(r.cpu().total()),
                    r.cpuMillisPerJourney(r.ours()),
                    r.idleMillisPerSecond(),
                    r.load()));
            System.out.println(row);
        }

        System.out.printf(
                Locale.ROOT,
                "%n| instances | push → PC status p50 ms | p99 ms | max ms | on another instance | its p50 ms | its p99 ms "
                        + "| journey p50 ms | p99 ms | "
                        + "cards exactly once | token fetches | client CPU ms per journey |%n"
                        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n");
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %.0f | %.0f | %.0f | %d of %d | %.0f | %.0f | %.0f | %.0f | %d of %d | %d | %.1f |%n",
                    r.instances(),
                    Percentile.of(r.statusMillis(), 50),
                    Percentile.of(r.statusMillis(), 99),
                    Percentile.of(r.statusMillis(), 100),
                    r.crossInstanceMillis().length,
                    r.journeys(),
                    Percentile.of(r.crossInstanceMillis(), 50),
                    Percentile.of(r.crossInstanceMillis(), 99),
                    Percentile.of(r.journeyMillis(), 50),
                    Percentile.of(r.journeyMillis(), 99),
                    r.exactlyOnce(),
                    r.journeys(),
                    r.tokenFetches(),
                    r.cpuMillisPerJourney(r.clientCpu()));
        }

        Result base = results.get(0);
        for (Result r : results.subList(1, results.size())) {
            StringBuilder ratios = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%n%d instances / %d: journeys/s ×%.2f; CPU per journey ×%.2f, without the emulator ×%.2f (",
                    r.instances(),
                    base.instances(),
                    r.perSecond() / base.perSecond(),
                    r.cpuMillisPerJourney(r.cpu().total())
                            / base.cpuMillisPerJourney(base.cpu().total()),
                    r.cpuMillisPerJourney(r.ours()) / base.cpuMillisPerJourney(base.ours())));
            List<String> parts = new ArrayList<>();
            for (String kind : kinds) {
                parts.add(String.format(
                        Locale.ROOT,
                        "%s ×%.2f",
                        kind,
                        r.cpuMillisPerJourney(r.cpu().byKind().get(kind))
                                / base.cpuMillisPerJourney(base.cpu().byKind().get(kind))));
            }
            ratios.append(String.join(", ", parts))
                    .append(String.format(
                            Locale.ROOT,
                            "); push → PC status p99 ×%.2f",
                            Percentile.of(r.statusMillis(), 99) / Percentile.of(base.statusMillis(), 99)));
            System.out.println(ratios);
        }
        for (Result r : results) {
            List<String> idle = new ArrayList<>();
            r.idle()
                    .byKind()
                    .forEach((kind, d) -> idle.add(
                            String.format(Locale.ROOT, "%s %.1f", kind, d.toNanos() / 1e6 / IDLE.toSeconds())));
            System.out.printf(
                    Locale.ROOT,
                    "%d instance(s), idle CPU ms/s over %d s: %s%n",
                    r.instances(),
                    IDLE.toSeconds(),
                    String.join(", ", idle));
        }
        for (Result r : results) {
            if (r.cpu().ended() > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "%d instance(s): %d counted processes ended during the window (their last CPU time is missing)%n",
                        r.instances(),
                        r.cpu().ended());
            }
        }
    }
}
