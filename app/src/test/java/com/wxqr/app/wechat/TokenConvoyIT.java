package com.wxqr.app.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.RunningApp;
import com.wxqr.app.system.SignedPushes;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import com.wxqr.emulator.FaultSpec;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * One slow token fetch must not stall the site: {@code /cgi-bin/stable_token} answers after 12 s while 20
 * QR requests need a token. Pushes (which never need one) and the health check answer in under a
 * second throughout, and every QR request ends, with a code or a clear error, within its timeout.
 */
class TokenConvoyIT {
    static final String APP_ID = "wx7a7b7c7d7e7f7a7b";
    static final String TOKEN = "convoytoken";
    static final NewAccount ACCOUNT =
            NewAccount.of(APP_ID, "0123456789abcdef0123456789abcdef").withToken(TOKEN);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    final WeChatEmulator wx = WeChatEmulator.start(0);
    final List<AutoCloseable> open = new ArrayList<>();

    @RegisterExtension
    final TestDatabases db = TestDatabases.eachKind();

    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        wx.close();
    }

    long millis(HttpRequest request, int expectedStatus) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s", request.uri().getPath()).isEqualTo(expectedStatus);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aHangingTokenFetchStallsNeitherPushesNorHealthAndEveryQrRequestEnds(TestDatabase.Kind kind) throws Exception {
        wx.createAccount(ACCOUNT);
        RunningApp app = RunningApp.start(
                wx,
                ACCOUNT,
                db.get(),
                "wxqr.wechat.call-timeout=" + CALL_TIMEOUT.toMillis() + "ms",
                "wxqr.qr.rate-limit=100");
        open.add(app);
        SignedPushes pushes = new SignedPushes(APP_ID, TOKEN);
        AppClient client = app.client();
        client.get("/livez"); // warm up the endpoints measured below
        http.send(
                pushes.request(app.callbackUrl(), SignedPushes.event(SignedPushes.openid(), 1, "subscribe", "")),
                HttpResponse.BodyHandlers.ofString());
        wx.addFault(FaultSpec.latency("/cgi-bin/stable_token", 12_000, 50));

        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Long> pushMillis = new CopyOnWriteArrayList<>();
        List<Long> healthMillis = new CopyOnWriteArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> qrRequests = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                qrRequests.add(pool.submit(() -> {
                    start.await();
                    long began = System.nanoTime();
                    JsonNode quote = client.createQuote();
                    long took = (System.nanoTime() - began) / 1_000_000;
                    // a code, or the page's clear sentence instead of one
                    assertThat(quote.get("qr").isNull() ? quote.get("qrProblem").asString() : "code")
                            .isIn("code", "暂时无法生成二维码，请稍后点击刷新重试");
                    return took;
                }));
            }
            start.countDown();
            long until = System.nanoTime() + CALL_TIMEOUT.toNanos() * 2 + 2_000_000_000L;
            while (System.nanoTime() < until) {
                String xml = SignedPushes.event(SignedPushes.openid(), 1_790_000_000L, "subscribe", "");
                pushMillis.add(millis(pushes.request(app.callbackUrl(), xml), 200));
                healthMillis.add(millis(
                        HttpRequest.newBuilder(URI.create(client.base() + "/livez"))
                                .build(),
                        200));
                Thread.sleep(200);
            }
            List<Long> qrMillis = new ArrayList<>();
            for (Future<Long> f : qrRequests) {
                qrMillis.add(f.get(120, TimeUnit.SECONDS));
            }
            assertThat(pushMillis).as("pushes during the hanging fetch").allMatch(ms -> ms < 1000);
            assertThat(healthMillis)
                    .as("health checks during the hanging fetch")
                    .allMatch(ms -> ms < 1000);
            // a QR request is a token (one fetch, or a wait for the one in flight, each cut at the call
            // timeout) and then the qrcode/create call (also cut at it): never more than the two
            assertThat(qrMillis).as("QR requests").allMatch(ms -> ms < 2 * CALL_TIMEOUT.toMillis());
        } finally {
            pool.shutdownNow();
        }
    }
}
