package com.wxqr.app.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.RunningApp;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.emulator.CallRecord;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.FaultSpec;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Another system on the same AppID (a CRM, a shop) fetches {@code /cgi-bin/token} every 100 ms while
 * visitors run whole journeys (quote → QR code → scan → the card as a customer-service message, so
 * every journey makes two token-taking calls). With the default stable token
 * (docs/PROTOCOL.md#stable-access-tokens) no call of wxqr is refused; with
 * {@code wxqr.wechat.token-endpoint=classic} the same noise does knock wxqr's token out (40001), which
 * shows the test bites.
 */
class TokenCoexistenceTest {
    static final String APP_ID = "wx2626262626262626";
    static final NewAccount ACCOUNT = NewAccount.of(APP_ID, "0123456789abcdef0123456789abcdef")
            .withToken("coexisttoken")
            .withMode("plain");
    static final int JOURNEYS = 8;
    static final List<String> TOKEN_ERRORS = List.of("40001", "40014", "42001");

    final WeChatEmulator wx = WeChatEmulator.start(0);
    final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);
    final ScheduledExecutorService anotherSystem = Executors.newSingleThreadScheduledExecutor();
    final AtomicInteger othersFetches = new AtomicInteger();
    RunningApp app;

    @AfterEach
    void stop() throws Exception {
        anotherSystem.shutdownNow();
        if (app != null) {
            app.close();
        }
        wx.close();
        database.close();
    }

    void startApp(String tokenEndpoint) {
        wx.createAccount(ACCOUNT);
        app = RunningApp.start(
                wx,
                ACCOUNT,
                database,
                "wxqr.wechat.token-endpoint=" + tokenEndpoint,
                "wxqr.delivery.mode=custom",
                "wxqr.delivery.first-backoff=100ms",
                "wxqr.delivery.poll-interval=100ms",
                "wxqr.qr.rate-limit=100");
        wx.reconfigureAccount(APP_ID, NewAccount.of(null, null).withCallbackUrl(app.callbackUrl()));
    }

    /** Starts the app, the other system's fetches, then the journeys; the answers wxqr's calls got. */
    List<CallRecord> journeysBesideAnotherSystem(String tokenEndpoint) {
        startApp(tokenEndpoint);
        anotherSystem.scheduleWithFixedDelay(
                () -> {
                    wx.fetchTokenAsAnotherSystem(APP_ID);
                    othersFetches.incrementAndGet();
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
        AppClient client = app.client();
        List<String> ids = new ArrayList<>();
        List<EmulatedUser> users = new ArrayList<>();
        for (int i = 0; i < JOURNEYS; i++) {
            JsonNode quote = client.createQuote();
            assertThat(quote.get("qr").isNull())
                    .as("quote %d has a code (%s)", i, quote.path("qrProblem"))
                    .isFalse();
            EmulatedUser user = wx.createUser(APP_ID, "访客" + i);
            assertThat(wx.scanUrl(user.openid(), quote.get("qr").get("url").asString())
                            .outcome())
                    .isEqualTo("accepted");
            ids.add(quote.get("id").asString());
            users.add(user);
        }
        for (int i = 0; i < JOURNEYS; i++) {
            String id = ids.get(i);
            await().atMost(Duration.ofSeconds(20)).until(() -> client.status(id).equals("delivered"));
            assertThat(wx.chat(users.get(i).openid()).stream().filter(m -> "news".equals(m.type())))
                    .as("the card in journey %d's chat", i)
                    .hasSize(1);
        }
        anotherSystem.shutdownNow();
        assertThat(othersFetches.get()).as("the other system's fetches").isGreaterThan(5);
        return wx.calls().stream().filter(c -> "api".equals(c.kind())).toList();
    }

    static boolean tokenRefused(CallRecord call) {
        return call.errcode() != null && TOKEN_ERRORS.contains(String.valueOf(call.errcode()));
    }

    @Test
    void withStableTokensAnotherSystemFetchingClassicTokensCausesNoFailedCall() {
        List<CallRecord> calls = journeysBesideAnotherSystem("stable");

        assertThat(calls)
                .as("wxqr's calls")
                .filteredOn(c -> c.path().equals("/cgi-bin/qrcode/create"))
                .hasSize(JOURNEYS);
        assertThat(calls)
                .as("answers other than success")
                .filteredOn(c -> c.errcode() != null && c.errcode() != 0)
                .isEmpty();
        assertThat(calls).filteredOn(c -> c.path().equals("/cgi-bin/token")).isEmpty();
        assertThat(calls)
                .filteredOn(c -> c.path().equals("/cgi-bin/stable_token"))
                .hasSize(1);
        var meters = app.bean(io.micrometer.core.instrument.MeterRegistry.class);
        assertThat(meters.find("wxqr.wechat.api.calls").tag("outcome", "error").counters())
                .as("failed calls counted by the app")
                .isEmpty();
        assertThat(meters.find("wxqr.token.forced.refreshes").counters())
                .as("no forced refresh was needed")
                .isEmpty();
    }

    @Test
    void withClassicTokensTheSameNoiseKnocksWxqrsTokenOut() {
        List<CallRecord> calls = journeysBesideAnotherSystem("classic");

        assertThat(calls)
                .as("wxqr's calls refused for the token")
                .filteredOn(TokenCoexistenceTest::tokenRefused)
                .isNotEmpty();
        assertThat(calls.stream().map(CallRecord::path).filter(Objects::nonNull))
                .contains("/cgi-bin/token")
                .doesNotContain("/cgi-bin/stable_token");
    }

    @Test
    void aTokenWeChatRefusesWhileStableTokenHandsItBackIsForcedOnceWithinTheBudget() {
        startApp("stable");
        AppClient client = app.client();
        assertThat(client.createQuote().get("qr").isNull()).isFalse();
        var meters = app.bean(io.micrometer.core.instrument.MeterRegistry.class);

        wx.addFault(FaultSpec.error("/cgi-bin/qrcode/create", 40001, 1)); // WeChat refuses the token it issued
        assertThat(client.createQuote().get("qr").isNull())
                .as("a code after the forced refresh")
                .isFalse();
        List<CallRecord> fetches = wx.calls("/cgi-bin/stable_token");
        assertThat(fetches).hasSize(3);
        assertThat(fetches.get(1).requestBody()).contains("\"force_refresh\":false");
        assertThat(fetches.get(2).requestBody()).contains("\"force_refresh\":true");
        assertThat(meters.counter("wxqr.token.forced.refreshes", "outcome", "taken")
                        .count())
                .isEqualTo(1.0);

        wx.addFault(FaultSpec.error("/cgi-bin/qrcode/create", 40001, 1)); // again within 30 s
        assertThat(client.createQuote().get("qr").isNull())
                .as("the same token, repeated")
                .isFalse();
        assertThat(wx.calls("/cgi-bin/stable_token"))
                .as("no second forced refresh within 30 s")
                .hasSize(4)
                .noneMatch(
                        c -> c.seq() > fetches.get(2).seq() && c.requestBody().contains("\"force_refresh\":true"));
        assertThat(meters.counter("wxqr.token.forced.refreshes", "outcome", "refused")
                        .count())
                .isEqualTo(1.0);
    }
}
