package com.wxqr.app.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.delivery.DeliveryProperties;
import com.wxqr.app.quote.Layout;
import com.wxqr.app.quote.Quotes;
import com.wxqr.app.system.OnPostgreSQL;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.app.system.SignedPushes;
import com.wxqr.app.system.SqlTime;
import com.wxqr.app.system.StatementCounter;
import com.wxqr.mp.callback.InboundMessage;
import com.wxqr.mp.callback.Reply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The two push paths agree: each script of {@link #scripts()} runs through the app's own
 * {@link PushHandler} on PostgreSQL, where follows and scans go through {@link ScanStatement}'s one
 * statement, and through the same wiring with a {@link ScanStatement} not in use, the portable
 * path that every other database takes. Both runs share the database, each with its own users,
 * quotes and codes; the test compares their replies, the rows they left in {@code quote},
 * {@code wechat_user}, {@code inbound_push} and {@code delivery_outbox} (once the outbox worker has
 * finished with them), and the push counters they moved, with the runs' ids and instants named
 * alike. Each step also states the reply it must get, so both paths are checked against the
 * expectation and not only against each other.
 */
@SafePassiveApp
@OnPostgreSQL
@DirtiesContext
class PushPathsAgreeIT {
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    /** The counter of cards given as the reply to a follow or scan, as {@link #counters} names it. */
    static final String PASSIVE_DELIVERIES = "wxqr.deliveries[tag(mode=passive), tag(outcome=replied)]";
    /** The one statement's SQL starts so; the portable path never sends it. */
    static final String ONE_STATEMENT = "with code as";

    @Autowired
    ApplicationContext app;

    @Autowired
    PushHandler appHandler;

    @Autowired
    ScanStatement appStatement;

    @Autowired
    Quotes quotes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MessageSource messages;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DeliveryProperties delivery;

    GenericApplicationContext portableWiring;
    PushHandler portableHandler;

    /** The app's wiring with one bean replaced: a {@link ScanStatement} that is not in use. */
    @BeforeEach
    void portablePath() {
        portableWiring = new GenericApplicationContext(app);
        portableWiring.registerBean(ScanStatement.class, () -> new ScanStatement(jdbc, false), d -> d.setPrimary(true));
        // PushHandler's constructor is package-private: wire it by constructor, as component scanning does
        portableWiring.registerBean(
                PushHandler.class,
                d -> ((AbstractBeanDefinition) d).setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR));
        portableWiring.refresh();
        portableHandler = portableWiring.getBean(PushHandler.class);
    }

    @AfterEach
    void closePortableWiring() {
        portableWiring.close();
    }

    /**
     * One script: its steps in order, each {@code "<push> -> <reply>"}. A push is {@code "A subscribe"},
     * {@code "A subscribe qrscene_{valid}"}, {@code "B SCAN {graced}"}, {@code "A unsubscribe"}, or
     * {@code "again 1"} (step 1's push delivered again, as WeChat retries it). {@code A} and {@code B} are
     * two users new to the run; {@code {valid}} is a code that expires in ten minutes, {@code {graced}}
     * one that expired 10 s ago (within the 30 s grace), {@code {expired}} one that expired two minutes
     * ago, each of its own quote, and {@code {unknown}} a scene no code has. A reply is {@code card {valid}}
     * (the card of that code's quote), {@code success} or the key of a text in messages.properties.
     */
    record Script(String name, List<String> steps) {
        static Script of(String name, String... steps) {
            return new Script(name, List.of(steps));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Script> scripts() {
        return Stream.of(
                Script.of(
                        "unknown scene",
                        "A subscribe qrscene_{unknown} -> wechat.scene.unknown",
                        "A SCAN {unknown} -> wechat.scene.unknown"),
                Script.of(
                        "expired within the grace",
                        "A subscribe qrscene_{graced} -> card {graced}",
                        "A SCAN {graced} -> card {graced}",
                        "B SCAN {graced} -> wechat.quote.otherOwner"),
                Script.of(
                        "expired beyond the grace",
                        "A subscribe qrscene_{expired} -> wechat.scene.expired",
                        "B SCAN {expired} -> wechat.scene.expired",
                        "again 2 -> wechat.scene.expired"),
                Script.of(
                        "owner re-scan",
                        "A subscribe qrscene_{valid} -> card {valid}",
                        "A SCAN {valid} -> card {valid}",
                        "A SCAN {valid} -> card {valid}"),
                Script.of(
                        "second scanner",
                        "A SCAN {valid} -> card {valid}",
                        "B subscribe qrscene_{valid} -> wechat.quote.otherOwner",
                        "B SCAN {valid} -> wechat.quote.otherOwner",
                        "A SCAN {valid} -> card {valid}"),
                Script.of(
                        "follow without scene",
                        "A subscribe -> wechat.welcome",
                        "A SCAN {valid} -> card {valid}",
                        "A unsubscribe -> success",
                        "A subscribe -> wechat.welcome",
                        "B subscribe -> wechat.welcome"),
                Script.of(
                        "retry of a card",
                        "A subscribe qrscene_{valid} -> card {valid}",
                        "again 1 -> success",
                        "again 1 -> success",
                        "B SCAN {valid} -> wechat.quote.otherOwner",
                        "A SCAN {valid} -> card {valid}",
                        "again 5 -> success"),
                Script.of(
                        "retry of a text",
                        "A subscribe qrscene_{unknown} -> wechat.scene.unknown",
                        "again 1 -> wechat.scene.unknown",
                        "B subscribe -> wechat.welcome",
                        "again 3 -> wechat.welcome",
                        "A SCAN {valid} -> card {valid}",
                        "B SCAN {valid} -> wechat.quote.otherOwner",
                        "again 6 -> wechat.quote.otherOwner"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void bothPathsGiveTheSameRepliesAndLeaveTheSameRows(Script script) {
        assertThat(appStatement.inUse())
                .as("on PostgreSQL the app sends follows and scans through the one statement")
                .isTrue();
        // in the past, so that a card's fallback window runs from it (and ends alike in both runs)
        long createTime = Instant.now().getEpochSecond() - 10;

        Run portable = run(script, portableHandler, createTime);
        Run oneStatement = run(script, appHandler, createTime);

        for (int i = 0; i < script.steps().size(); i++) {
            String step = script.steps().get(i);
            String expected = step.substring(step.indexOf("->") + 2).strip();
            assertReply(portable.replies().get(i), expected, "portable path, step " + (i + 1) + ": " + step);
            assertReply(oneStatement.replies().get(i), expected, "one statement, step " + (i + 1) + ": " + step);
            assertThat(oneStatement.pathTaken().get(i))
                    .as("step %d went through the one statement exactly when it is a follow or scan", i + 1)
                    .isEqualTo(isFollowOrScan(script, i));
            assertThat(portable.pathTaken().get(i))
                    .as("the portable path never sends the one statement")
                    .isFalse();
        }
        long cards = script.steps().stream().filter(s -> s.contains("-> card ")).count();
        for (Run run : List.of(portable, oneStatement)) {
            assertThat(run.counted().getOrDefault(PASSIVE_DELIVERIES, 0.0))
                    .as("each card given as the reply is counted as one passive delivery, a retried one not again")
                    .isEqualTo((double) cards);
        }
        assertThat(oneStatement.replies()).as("replies").isEqualTo(portable.replies());
        assertThat(oneStatement.rows()).as("rows").isEqualTo(portable.rows());
        assertThat(oneStatement.counted()).as("counters").isEqualTo(portable.counted());
    }

    /** Asserts that {@code reply} (in a run's normal form) is the one {@code expected} names. */
    void assertReply(String reply, String expected, String step) {
        if (expected.startsWith("card ")) { // the news card of the quote whose code is named
            assertThat(reply)
                    .as(step)
                    .startsWith("News[")
                    .contains("/q/{quote of " + expected.substring(6, expected.length() - 1) + "}");
        } else if (expected.equals("success")) {
            assertThat(reply).as(step).isEqualTo(Reply.success().toString());
        } else {
            assertThat(reply)
                    .as(step)
                    .isEqualTo(Reply.text(messages.getMessage(expected, null, CHINESE))
                            .toString());
        }
    }

    static boolean isFollowOrScan(Script script, int step) {
        String push = script.steps().get(step).split("->")[0].strip();
        if (push.startsWith("again ")) {
            return isFollowOrScan(script, Integer.parseInt(push.substring(6)) - 1);
        }
        return push.contains(" subscribe") || push.contains(" SCAN");
    }

    /** What one run of a script left, with its ids and instants replaced by names: comparable across runs. */
    record Run(
            List<String> replies,
            List<Boolean> pathTaken,
            Map<String, List<String>> rows,
            Map<String, Double> counted) {}

    /** The names of one run's ids and instants. */
    static final class Names {
        final Map<String, String> ids = new LinkedHashMap<>();
        final Map<Instant, String> instants = new LinkedHashMap<>();
        final List<Instant[]> steps = new ArrayList<>();

        String normal(Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof Timestamp t) {
                return instant(t.toInstant());
            }
            if (value instanceof OffsetDateTime t) {
                return instant(t.toInstant());
            }
            if (value instanceof BigDecimal d) {
                return d.toPlainString();
            }
            String text = value.toString();
            for (Map.Entry<String, String> id : ids.entrySet()) {
                text = text.replace(id.getKey(), id.getValue());
            }
            return text;
        }

        String instant(Instant t) {
            String named = instants.get(t);
            if (named != null) {
                return named;
            }
            for (int i = 0; i < steps.size(); i++) {
                if (!t.isBefore(steps.get(i)[0]) && !t.isAfter(steps.get(i)[1])) {
                    return "during step " + (i + 1);
                }
            }
            if (steps.isEmpty() || t.isBefore(steps.get(0)[0])) {
                return "before the pushes";
            }
            for (int i = steps.size() - 1; i >= 0; i--) {
                if (t.isAfter(steps.get(i)[1])) {
                    return "after step " + (i + 1); // the outbox worker's, which is waited for after each step
                }
            }
            return t.toString();
        }
    }

    Run run(Script script, PushHandler handler, long createTime) {
        Names names = new Names();
        String a = SignedPushes.openid();
        String b = SignedPushes.openid();
        names.ids.put(a, "{A}");
        names.ids.put(b, "{B}");
        Instant started = Instant.now();
        Map<String, String> scenes = new LinkedHashMap<>();
        List<String> quoteIds = new ArrayList<>();
        for (Map.Entry<String, Duration> code : Map.of(
                        "valid",
                        Duration.ofMinutes(10),
                        "graced",
                        Duration.ofSeconds(-10),
                        "expired",
                        Duration.ofMinutes(-2))
                .entrySet()) {
            String publicId = quotes.create(new BigDecimal("89"), Layout.THREE_BEDROOMS, "standard", null)
                    .publicId();
            String scene = "s" + SignedPushes.openid().substring(1, 20);
            jdbc.sql("""
                            insert into qr_code (scene_str, quote_id, ticket, url, expires_at, created_at)
                            values (:scene, :quote, :ticket, 'http://weixin.qq.com/q/test', :expires, :now)
                            """)
                    .param("scene", scene)
                    .param("quote", publicId)
                    .param("ticket", "ticket-" + scene)
                    .param("expires", SqlTime.param(started.plus(code.getValue())))
                    .param("now", SqlTime.param(started))
                    .update();
            scenes.put(code.getKey(), scene);
            quoteIds.add(publicId);
            names.ids.put(publicId, "{quote of " + code.getKey() + "}");
            names.ids.put(scene, "{" + code.getKey() + "}");
        }
        scenes.put("unknown", "s" + SignedPushes.openid().substring(1, 20));
        names.ids.put(scenes.get("unknown"), "{unknown}");

        Map<String, Double> before = counters();
        List<InboundMessage> sent = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        List<Boolean> pathTaken = new ArrayList<>();
        for (int i = 0; i < script.steps().size(); i++) {
            InboundMessage message = message(script.steps().get(i), i, createTime, a, b, scenes, sent);
            names.instants.putIfAbsent(Instant.ofEpochSecond(message.createTime()), "CreateTime of step " + (i + 1));
            names.instants.putIfAbsent(
                    Instant.ofEpochSecond(message.createTime()).plus(delivery.window()),
                    "CreateTime of step " + (i + 1) + " + the window");
            sent.add(message);
            AtomicReference<Reply> reply = new AtomicReference<>();
            Instant start = Instant.now();
            List<String> statements = StatementCounter.during(() -> reply.set(handler.handle(message)));
            names.steps.add(new Instant[] {start, Instant.now()});
            replies.add(names.normal(reply.get()));
            pathTaken.add(statements.stream().anyMatch(s -> s.startsWith(ONE_STATEMENT)));
            awaitOutboxWorker(quoteIds);
        }
        Map<String, Double> counted = delta(before, counters());

        List<String> openids = List.of(a, b);
        List<String> keys =
                sent.stream().map(InboundMessage::dedupeKey).distinct().toList();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        rows.put("quote", rows(names, "select * from quote where public_id in (:ids)", quoteIds));
        rows.put("wechat_user", rows(names, "select * from wechat_user where openid in (:ids)", openids));
        rows.put("inbound_push", rows(names, "select * from inbound_push where dedupe_key in (:ids)", keys));
        rows.put(
                "delivery_outbox",
                rows(
                        names,
                        "select * from delivery_outbox where quote_id in (:ids) or openid in (:ids)",
                        concat(quoteIds, openids)));
        return new Run(replies, pathTaken, rows, counted);
    }

    static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    static final Pattern STEP = Pattern.compile("(A|B) (subscribe|SCAN|unsubscribe)(?: (\\S+))?");

    /** The push of {@code step} (number {@code index}, from 0), sent at {@code createTime} plus its index. */
    static InboundMessage message(
            String step,
            int index,
            long createTime,
            String a,
            String b,
            Map<String, String> scenes,
            List<InboundMessage> sent) {
        String push = step.split("->")[0].strip();
        if (push.startsWith("again ")) {
            return sent.get(Integer.parseInt(push.substring(6)) - 1);
        }
        Matcher m = STEP.matcher(push);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a step: " + step);
        }
        String eventKey = m.group(3) == null ? "" : m.group(3);
        for (Map.Entry<String, String> scene : scenes.entrySet()) {
            eventKey = eventKey.replace("{" + scene.getKey() + "}", scene.getValue());
        }
        return InboundMessage.parse(SignedPushes.event(
                "gh_9a8b7c6d5e4f", m.group(1).equals("A") ? a : b, createTime + index, m.group(2), eventKey));
    }

    /** The rows {@code sql} selects for {@code ids}, each with all its columns but generated keys, named and sorted. */
    List<String> rows(Names names, String sql, List<String> ids) {
        return jdbc.sql(sql).param("ids", ids).query().listOfRows().stream()
                .map(row -> {
                    Map<String, String> normal = new TreeMap<>();
                    row.forEach((column, value) -> {
                        if (!column.equalsIgnoreCase("id")) { // delivery_outbox's identity column
                            normal.put(column.toLowerCase(Locale.ROOT), names.normal(value));
                        }
                    });
                    return normal.toString();
                })
                .sorted()
                .toList();
    }

    /** The push handler's counters: every {@code wxqr.callbacks} and the passive {@code wxqr.deliveries}. */
    Map<String, Double> counters() {
        Map<String, Double> counts = new TreeMap<>();
        for (String name : List.of("wxqr.callbacks", "wxqr.deliveries")) {
            for (Counter counter : meters.find(name).counters()) {
                if (name.equals("wxqr.deliveries")
                        && !"passive".equals(counter.getId().getTag("mode"))) {
                    continue; // the outbox worker's
                }
                counts.put(name + counter.getId().getTags(), counter.count());
            }
        }
        return counts;
    }

    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> moved = new TreeMap<>();
        after.forEach((counter, count) -> {
            double by = count - before.getOrDefault(counter, 0.0);
            if (by != 0) {
                moved.put(counter, by);
            }
        });
        return moved;
    }

    /**
     * Waits until the outbox worker has finished with the run's rows (a lost card's fallback, which it
     * fails: the run's users are unknown to the emulator), so that it acts between the same steps in both runs.
     */
    void awaitOutboxWorker(List<String> quoteIds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.sql("select count(*) from delivery_outbox where quote_id in (:ids) and status = 'PENDING'")
                        .param("ids", quoteIds)
                        .query(Integer.class)
                        .single()
                > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the outbox worker left a row of the run pending for 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
