package com.wxqr.app.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wxqr.app.system.RunningApp;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.emulator.ChatMessage;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.FaultSpec;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Passive first, customer service on retry: WeChat's answers to a scan's push are lost
 * ({@code push_drop}), and the card still reaches the phone exactly once while the PC page says
 * delivered; on H2 and on PostgreSQL, safe mode, passive delivery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LostPassiveReplyIT {
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    static final String TOKEN = "lostreplytoken";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String SEND = "/cgi-bin/message/custom/send";

    final WeChatEmulator wx = WeChatEmulator.start(0);
    final Map<TestDatabase.Kind, TestDatabase> databases = new EnumMap<>(TestDatabase.Kind.class);
    final Map<TestDatabase.Kind, RunningApp> apps = new EnumMap<>(TestDatabase.Kind.class);

    /** Each database kind's app has its own account on the one emulator. */
    static String appId(TestDatabase.Kind kind) {
        return kind == TestDatabase.Kind.H2 ? "wx1111222233334444" : "wx5555666677778888";
    }

    /** One app per database kind. */
    RunningApp app(TestDatabase.Kind kind) {
        return apps.computeIfAbsent(kind, k -> {
            String appId = appId(k);
            NewAccount account = NewAccount.of(appId, SECRET)
                    .withToken(TOKEN)
                    .withEncodingAesKey(AES_KEY)
                    .withMode("safe");
            wx.createAccount(account);
            TestDatabase db = TestDatabase.create(k);
            databases.put(k, db);
            RunningApp app = RunningApp.start(
                    wx, account, db, "wxqr.delivery.poll-interval=200ms", "wxqr.delivery.first-backoff=100ms");
            wx.reconfigureAccount(appId, NewAccount.of(null, null).withCallbackUrl(app.callbackUrl()));
            return app;
        });
    }

    @AfterEach
    void clearFaults() {
        wx.clearFaults();
    }

    @AfterAll
    void stop() throws Exception {
        apps.values().forEach(RunningApp::close);
        for (TestDatabase db : databases.values()) {
            db.close();
        }
        wx.close();
    }

    record Scan(RunningApp app, String id, JsonNode quote, EmulatedUser user, Delivery delivery) {}

    /**
     * A new user scans a new quote's code on the kind's app, with {@code faults} in place: added once
     * the app is up, before the quote is created.
     */
    Scan scan(TestDatabase.Kind kind, String nickname, FaultSpec... faults) {
        RunningApp app = app(kind);
        for (FaultSpec fault : faults) {
            wx.addFault(fault);
        }
        JsonNode quote = app.client().createQuote();
        EmulatedUser user = wx.createUser(appId(kind), nickname);
        Delivery delivery = wx.scanUrl(user.openid(), quote.get("qr").get("url").asString());
        return new Scan(app, quote.get("id").asString(), quote, user, delivery);
    }

    List<ChatMessage> cards(EmulatedUser user) {
        return wx.chat(user.openid()).stream()
                .filter(m -> "account".equals(m.from()) && "news".equals(m.type()))
                .toList();
    }

    /** The card arrives once, and no second one follows while the outbox keeps polling. */
    ChatMessage exactlyOneCard(Scan scan) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !cards(scan.user()).isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> cards(scan.user()).size() == 1);
        ChatMessage card = cards(scan.user()).get(0);
        assertThat(card.articles())
                .singleElement()
                .satisfies(a -> assertThat(a.url())
                        .isEqualTo(scan.quote().get("pageUrl").asString()));
        return card;
    }

    int outboxRows(Scan scan, String status) {
        return scan.app()
                .jdbc()
                .sql("select count(*) from delivery_outbox where quote_id = :id and status = :s")
                .param("id", scan.id())
                .param("s", status)
                .query(Integer.class)
                .single();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void withoutAFaultTheCardIsThePassiveReplyAndNothingElse(TestDatabase.Kind kind) {
        Scan scan = scan(kind, "无故障");

        assertThat(scan.delivery().outcome()).isEqualTo("replied");
        assertThat(scan.delivery().attempts()).hasSize(1);
        assertThat(exactlyOneCard(scan).via()).isEqualTo("passive");
        assertThat(scan.app().client().status(scan.id())).isEqualTo("delivered");
        assertThat(outboxRows(scan, "PENDING") + outboxRows(scan, "SENT")).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void oneLostAnswerTheRetryGetsSuccessAndTheCardComesOnceByCustomerService(TestDatabase.Kind kind) {
        Scan scan = scan(kind, "丢一次", FaultSpec.dropPushAnswers(1));

        assertThat(scan.delivery().attempts()).extracting(a -> a.result()).containsExactly("dropped", "answered");
        assertThat(scan.delivery().outcome()).isEqualTo("accepted"); // the retry's answer: success
        assertThat(scan.app().client().status(scan.id())).isEqualTo("delivered");
        assertThat(exactlyOneCard(scan).via()).isEqualTo("customer_service");
        assertThat(scan.app().client().status(scan.id())).isEqualTo("delivered");
        assertThat(outboxRows(scan, "SENT")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void everyAnswerLostTheCardStillComesExactlyOnceByCustomerService(TestDatabase.Kind kind) {
        Scan scan = scan(kind, "全丢", FaultSpec.dropPushAnswers(3));

        assertThat(scan.delivery().attempts())
                .extracting(a -> a.result())
                .containsExactly("dropped", "dropped", "dropped");
        assertThat(scan.delivery().outcome()).isEqualTo("notice"); // WeChat's "暂时无法提供服务"
        assertThat(exactlyOneCard(scan).via()).isEqualTo("customer_service");
        await().atMost(Duration.ofSeconds(5)).until(() -> outboxRows(scan, "SENT") == 1);
        assertThat(scan.app().client().status(scan.id())).isEqualTo("delivered");
        assertThat(scan.app()
                        .jdbc()
                        .sql("select count(*) from delivery_outbox where quote_id = :id")
                        .param("id", scan.id())
                        .query(Integer.class)
                        .single())
                .as("queued once for two retries")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void whenTheCustomerServiceSendIsRefusedTheQuoteTurnsFailedWithItsReason(TestDatabase.Kind kind) {
        Scan scan = scan(kind, "被拒", FaultSpec.dropPushAnswers(1), FaultSpec.error(SEND, 45047, 1));

        assertThat(scan.delivery().outcome()).isEqualTo("accepted");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> scan.app().client().status(scan.id()).equals("failed"));
        JsonNode status = scan.app().client().quote(scan.id()).get("status");
        assertThat(status.get("reason").asString()).contains("45047");
        assertThat(cards(scan.user())).isEmpty();
    }
}
