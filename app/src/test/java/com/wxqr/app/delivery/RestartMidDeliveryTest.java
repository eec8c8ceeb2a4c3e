package com.wxqr.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wxqr.app.WxqrApplication;
import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.UnguessableId;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.FaultSpec;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
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

    WeChatEmulator wx = WeChatEmulator.start(0);
    String database = "jdbc:h2:mem:restart-" + UnguessableId.nextAlphanumeric() + ";DB_CLOSE_DELAY=-1";
    ConfigurableApplicationContext running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        wx.close();
    }

    ConfigurableApplicationContext startApp() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WxqrApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--wxqr.demo.enabled=false",
                        "--wxqr.public-url=http://127.0.0.1",
                        "--wxqr.public-url-allow-http=true",
                        "--wxqr.wechat.app-id=" + APP_ID,
                        "--wxqr.wechat.app-secret=" + SECRET,
                        "--wxqr.wechat.token=" + TOKEN,
                        "--wxqr.wechat.api-url=" + wx.baseUrl(),
                        "--wxqr.wechat.mp-url=" + wx.baseUrl(),
                        "--wxqr.wechat.open-url=" + wx.baseUrl(),
                        "--wxqr.delivery.mode=custom",
                        "--wxqr.delivery.first-backoff=100ms",
                        "--wxqr.delivery.poll-interval=200ms",
                        "--wxqr.delivery.max-attempts=100",
                        "--spring.datasource.url=" + database);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        wx.reconfigureAccount(
                APP_ID, NewAccount.of(null, null).withCallbackUrl("http://localhost:" + port + "/wechat/callback"));
        return context;
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void anOutboxRowLeftByAStoppedAppIsSentByTheNextStart() {
        wx.createAccount(NewAccount.of(APP_ID, SECRET).withToken(TOKEN).withMode("plain"));
        running = startApp();
        JdbcClient jdbc = running.getBean(JdbcClient.class);
        AppClient first = new AppClient(port(running));
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
        AppClient second = new AppClient(port(running));
        await().atMost(Duration.ofSeconds(20)).until(() -> second.status(id).equals("delivered"));
        assertThat(wx.chat(user.openid()).stream().filter(m -> "news".equals(m.type())))
                .hasSize(1);
    }
}
