package com.wxqr.app.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.DatabaseTest;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import com.wxqr.mp.api.WeChatClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jsapi_ticket shared like the access_token (docs/PROTOCOL.md#js-sdk-tickets): three "instances" (each its own
 * client and {@link JdbcAccessTokenStore} on one database) asking at once cause one getticket call, against the
 * emulator. On H2; {@link JsapiTicketSharingIT} runs it on PostgreSQL.
 */
class JsapiTicketSharingTest extends DatabaseTest {
    static final String APP = "wx0123456789abcdef";
    static final String SECRET = "0123456789abcdef0123456789abcdef";

    final WeChatEmulator wx = WeChatEmulator.start();
    final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        wx.close();
    }

    WeChatClient instance() {
        JdbcAccessTokenStore store = new JdbcAccessTokenStore(
                db.dataSource(),
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                new WeChatTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)));
        WeChatClient client = WeChatClient.builder()
                .appId(APP)
                .appSecret(SECRET)
                .apiBaseUrl(wx.baseUrl())
                .tokenStore(store)
                .refreshAhead(false)
                .build();
        closing.add(client);
        closing.add(store);
        return client;
    }

    @Test
    void threeInstancesAskingAtOnceFetchTheTicketOnceAndShareIt() throws Exception {
        wx.createAccount(NewAccount.of(APP, SECRET));
        List<WeChatClient> instances = List.of(instance(), instance(), instance());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> tickets = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                WeChatClient client = instances.get(i % 3);
                tickets.add(pool.submit(() -> {
                    start.await();
                    return client.jsapiTicket().value();
                }));
            }
            start.countDown();
            List<String> values = new ArrayList<>();
            for (Future<String> f : tickets) {
                values.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(values).hasSize(12).containsOnly(values.get(0));
            assertThat(wx.calls("/cgi-bin/ticket/getticket")).hasSize(1);
            assertThat(wx.calls("/cgi-bin/token")).hasSize(1);
            assertThat(db.jdbc()
                            .sql("select count(*) from access_token where app_id = :k")
                            .param("k", WeChatClient.jsapiTicketKey(APP))
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
