package com.wxqr.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wxqr.app.system.RunningApp;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import com.wxqr.emulator.ChatMessage;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.FaultSpec;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The fenced outbox with WeChat slow: two instances of the app on one database, customer-service
 * delivery, {@code message/custom/send} answering after 9 s, ten users scanning ten quotes within a
 * second. Every user gets exactly one card and every quote's status matches its user's chat.
 */
class TwoInstanceOutboxIT {
    static final String APP_ID = "wx0a0b0c0d0e0f0a0b";
    static final String TOKEN = "twoinstances";
    static final NewAccount ACCOUNT =
            NewAccount.of(APP_ID, "0123456789abcdef0123456789abcdef").withToken(TOKEN);
    static final String SEND = "/cgi-bin/message/custom/send";

    final WeChatEmulator wx = WeChatEmulator.start(0);
    final List<AutoCloseable> open = new ArrayList<>();

    @RegisterExtension
    final TestDatabases db = TestDatabases.eachKind();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        wx.close();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void tenScansWithASlowWeChatGiveEachUserExactlyOneCard(TestDatabase.Kind kind) throws Exception {
        wx.createAccount(ACCOUNT);
        String[] settings = {
            "wxqr.delivery.mode=custom",
            "wxqr.delivery.poll-interval=200ms",
            "wxqr.delivery.first-backoff=200ms",
            "wxqr.qr.rate-limit=100",
            "wxqr.public-url=http://quotes.example", // one site behind a load balancer
            // longer than one send (the 10 s call timeout), shorter than sending ten one after another
            "wxqr.delivery.lease=15s"
        };
        RunningApp a = RunningApp.start(wx, ACCOUNT, db.get(), settings);
        open.add(a);
        RunningApp b = RunningApp.start(wx, ACCOUNT, db.get(), settings);
        open.add(b);
        wx.reconfigureAccount(APP_ID, NewAccount.of(null, null).withCallbackUrl(a.callbackUrl()));

        List<JsonNode> quotes = new ArrayList<>();
        List<EmulatedUser> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            quotes.add((i % 2 == 0 ? a : b).client().createQuote());
            users.add(wx.createUser(APP_ID, "用户" + i));
        }
        wx.addFault(FaultSpec.latency(SEND, 9_000, 100)); // WeChat is slow for every send

        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Delivery>> scans = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String openid = users.get(i).openid();
                String url = quotes.get(i).get("qr").get("url").asString();
                scans.add(pool.submit(() -> {
                    start.await();
                    return wx.scanUrl(openid, url);
                }));
            }
            start.countDown();
            for (Future<Delivery> scan : scans) {
                assertThat(scan.get(30, TimeUnit.SECONDS).outcome()).isEqualTo("accepted");
            }
        } finally {
            pool.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(90))
                .until(() -> quotes.stream()
                        .allMatch(q -> List.of("delivered", "failed")
                                .contains(a.client().status(q.get("id").asString()))));
        // a second send of any card, already under way, is answered within 9 s: give it the time to show
        Thread.sleep(10_000);
        for (int i = 0; i < 10; i++) {
            String id = quotes.get(i).get("id").asString();
            List<ChatMessage> cards = wx.chat(users.get(i).openid()).stream()
                    .filter(m -> "news".equals(m.type()))
                    .toList();
            assertThat(cards).as("cards of user %d", i).hasSize(1);
            assertThat(cards.get(0).articles().get(0).url()).isEqualTo("http://quotes.example/q/" + id);
            assertThat(a.client().status(id)).as("status of quote %d", i).isEqualTo("delivered");
            assertThat(b.client().status(id)).isEqualTo("delivered");
        }
        assertThat(a.jdbc()
                        .sql("select count(*) from delivery_outbox where status = 'SENT'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(10);
        assertThat(wx.calls().stream().filter(c -> SEND.equals(c.path()))).hasSize(10);
    }
}
