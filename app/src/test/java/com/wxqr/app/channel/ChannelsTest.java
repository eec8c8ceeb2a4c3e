package com.wxqr.app.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.app.admin.Leads;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import com.wxqr.emulator.FaultSpec;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatClients;
import com.wxqr.emulator.WeChatEmulator;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two admins creating a channel with one name at the same moment, on H2 and PostgreSQL against the
 * emulator (whose code creation takes a while): one channel, one permanent code spent, the other
 * creation refused as a taken name; and a name is free again when WeChat issues no code.
 */
class ChannelsTest {
    static final String APP_ID = "wxc1c1c1c1c1c1c1c1";
    static final String SECRET = "secretC";

    @RegisterExtension
    final TestDatabases db = TestDatabases.eachKind();

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void twoCreationsWithOneNameAtOnceSpendOnePermanentCode(TestDatabase.Kind kind) throws Exception {
        try (WeChatEmulator wx = WeChatEmulator.start();
                WeChatClient client = WeChatClients.against(wx, APP_ID, SECRET).build()) {
            wx.createAccount(NewAccount.of(APP_ID, SECRET));
            wx.addFault(FaultSpec.latency("/cgi-bin/qrcode/create", 500, 2));
            Channels channels = new Channels(db.jdbc(), client, new Leads(db.jdbc()), Clock.systemUTC());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(pool.submit(() -> {
                        together.await();
                        try {
                            channels.create("阳光花园海报", "欢迎！");
                            return "created";
                        } catch (Channels.NameTakenException e) {
                            return "taken";
                        }
                    }));
                }
                assertThat(List.of(results.get(0).get(), results.get(1).get()))
                        .containsExactlyInAnyOrder("created", "taken");
            } finally {
                pool.shutdownNow();
            }
            assertThat(channels.listWithCounts()).hasSize(1);
            assertThat(wx.qrCodes(APP_ID).stream().filter(c -> c.expiresAt() == null))
                    .as("one permanent code spent")
                    .hasSize(1);

            wx.addFault(FaultSpec.error("/cgi-bin/qrcode/create", 45009, 1));
            assertThatThrownBy(() -> channels.create("新海报", "欢迎！")).isInstanceOf(WeChatException.class);
            assertThat(channels.nameTaken("新海报")).isFalse();
            assertThat(channels.listWithCounts()).hasSize(1);
        }
    }
}
