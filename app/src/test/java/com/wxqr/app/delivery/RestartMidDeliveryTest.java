package com.wxqr.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.RunningApp;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.FaultSpec;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The app stops while a delivery is still being retried; the outbox row survives in the database
 * and the next start sends it. The emulator runs outside the app here, so that it outlives it, and
 * the app is configured for it as for real WeChat (demo off).
 */
class RestartMidDeliveryTest {
    static final String APP_ID = "wx5a5a5a5a5a5a5a5a";
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    static final String TOKEN = "restarttoken";

    static final NewAccount ACCOUNT =
            NewAccount.of(APP_ID, SECRET).withToken(TOKEN).withMode("plain");

    WeChatEmulator wx = WeChatEmulator.start(0);
    TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);
    RunningApp running;

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.close();
        }
        wx.close();
        database.close();
    }

    RunningApp startApp() {
        RunningApp app = RunningApp.start(
                wx,
                ACCOUNT,
                database,
                "wxqr.delivery.mode=custom",
                "wxqr.delivery.first-backoff=100ms",
                "wxqr.delivery.poll-interval=200ms",
                "wxqr.delivery.max-attempts=100");
        wx.reconfigureAccount(APP_ID, NewAccount.of(null, null).withCallbackUrl(app.callbackUrl()));
        return app;
    }

    @Test
    void anOutboxRowLeftByAStoppedAppIsSentByTheNextStart() {
        wx.createAccount(ACCOUNT);
        running = startApp();
        JdbcClient jdbc = running.jdbc();
        AppClient first = running.client();
        JsonNode quote = first.createQuote();
        String id = quote.get("id").asString();
        EmulatedUser user = wx.createUser(APP_ID, "重启");
        wx.addFault(FaultSpec.error("/cgi-bin/message/custom/send", -1, 1000)); // WeChat stays busy

        assertThat(wx.scanUrl(user.openid(), quote.get("qr").get("url").asString())
                        .outcome())
                .isEqualTo("accepted");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("select attempts from delivery_outbox where quote_id = :id")
                                .param("id", id)
                                .query(Integer.class)
                                .single()
                        >= 1);
        assertThat(first.status(id)).isEqualTo("scanned");

        running.close(); // mid-delivery
        running = null;
        wx.clearFaults();
        assertThat(wx.chat(user.openid()).stream().filter(m -> "news".equals(m.type())))
                .isEmpty();

        running = startApp();
        AppClient second = running.client();
        await().atMost(Duration.ofSeconds(20)).until(() -> second.status(id).equals("delivered"));
        assertThat(wx.chat(user.openid()).stream().filter(m -> "news".equals(m.type())))
                .hasSize(1);
    }
}
