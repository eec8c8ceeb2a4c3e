package com.wxqr.bench.token;

import com.wxqr.bench.Arguments;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.EmulatorClock;
import com.wxqr.emulator.EmulatorSettings;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatClients;
import com.wxqr.emulator.WeChatEmulator;
import com.wxqr.emulator.wxjava.WxJavaConfigs;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.token.AccessToken;
import com.wxqr.mp.token.AccessTokenStore;
import com.wxqr.mp.token.InMemoryAccessTokenStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;

/**
 * The token stampede (issue 5, part 3): {@code --calls} concurrent {@code /cgi-bin/user/info} calls
 * spread over {@code --clients} client instances, against the in-process emulator, in three bursts:
 * a cold start (no token anywhere yet; it also warms the JIT), one with a valid token (the
 * baseline of the same run), then one released just after the token expired — on the emulator
 * (its clock moved 7200 s) and in the clients. Counts the
 * {@code /cgi-bin/token} fetches the emulator served and every caller's wait.
 *
 * <p>Ours: {@link WeChatClient} instances, each with its own instance of the app's
 * {@code JdbcAccessTokenStore} and its own connection pool over one shared database (H2 and/or
 * PostgreSQL), as separate app instances would be; refresh-ahead is off so that the expiry is met
 * on demand (with it on, callers would not meet an expired token at all). WxJava 4.7.0: as many
 * {@code WxMpServiceImpl} instances, each with its own {@code WxMpDefaultConfigImpl} pointed at the
 * emulator, expired with {@code expireAccessToken()}; and again with one config shared by all
 * services, WxJava's best case.
 *
 * <p>Run: {@code java -cp bench/target/wxqr-bench.jar com.wxqr.bench.token.TokenStampede}
 * [{@code --calls=1000}] [{@code --clients=4}] [{@code --stores=h2,postgresql}] ({@code memory}: one
 * shared in-memory store of the library) (from the repository root, after a build that compiled the app).
 */
public final class TokenStampede {

    private static final String APP_ID = "wx5a3b8c0d1e2f4a6b";
    private static final String SECRET = "5a3b8c0d1e2f4a6b5a3b8c0d1e2f4a6b";
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(7200);
    private static final long TIMEOUT_SECONDS = 180;
    /** The arguments ({@code --name=value}) and their defaults. */
    private static final Map<String, String> DEFAULTS =
            Map.of("calls", "1000", "clients", "4", "stores", "h2,postgresql");

    /** One side's three bursts and the fetches the emulator served during each. */
    record Result(
            String side,
            Burst.Outcome cold,
            int coldFetches,
            Burst.Outcome valid,
            int validFetches,
            Burst.Outcome expired,
            int expiredFetches,
            String note) {}

    private TokenStampede() {}

    public static void main(String[] args) throws Exception {
        Arguments o = Arguments.parse(args, DEFAULTS);
        int calls = o.number("calls", 1);
        int clients = o.number("clients", 1);
        List<String> stores = List.of(o.get("stores").split(","));
        System.out.printf(
                Locale.ROOT,
                "Token stampede: %d concurrent user/info calls over %d client instances%n%n",
                calls,
                clients);
        // One unreported round first, so that no side pays for compiling the emulator and the HTTP stacks.
        ours("memory", calls, clients);
        wxJava(calls, clients, true);
        List<Result> results = new ArrayList<>();
        for (String store : stores) {
            results.add(ours(store, calls, clients));
        }
        results.add(wxJava(calls, clients, false));
        results.add(wxJava(calls, clients, true));
        print(results);
    }

    static Result ours(String storeKind, int calls, int clients) throws Exception {
        try (WeChatEmulator wx = WeChatEmulator.start(
                EmulatorSettings.builder().tokenLifetime(TOKEN_LIFETIME).build())) {
            wx.createAccount(NewAccount.of(APP_ID, SECRET));
            EmulatedUser user = wx.createUser(APP_ID, "压测用户");
            // moved forward together with the emulator's, so the clients see their tokens expire
            EmulatorClock clock = new EmulatorClock(Clock.systemUTC());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            TokenDatabase db = "memory".equals(storeKind) ? null : TokenDatabase.create(storeKind);
            List<WeChatClient> instances = new ArrayList<>();
            try {
                AccessTokenStore shared = null;
                AppTokenStore appStore = null;
                if (db == null) {
                    shared = new InMemoryAccessTokenStore(clock, AccessToken.DEFAULT_REFRESH_MARGIN);
                } else {
                    appStore = new AppTokenStore();
                    appStore.migrate(db.newPool("migrate", 2), db.schema());
                }
                for (int i = 0; i < clients; i++) {
                    AccessTokenStore store =
                            db == null ? shared : appStore.create(db.newPool("instance-" + i, 10), clock, meters);
                    instances.add(WeChatClients.against(wx, APP_ID, SECRET)
                            .tokenStore(store)
                            .clock(clock)
                            .refreshAhead(false)
                            .build());
                }
                List<Callable<?>> burst = new ArrayList<>(calls);
                for (int i = 0; i < calls; i++) {
                    WeChatClient client = instances.get(i % clients);
                    burst.add(() -> client.userInfo(user.openid()));
                }
                String side = "ours, "
                        + (db == null ? "shared in-memory store" : "app's JdbcAccessTokenStore on " + db.kind());
                return threeBursts(
                        side,
                        wx,
                        burst,
                        () -> clock.advance(TOKEN_LIFETIME),
                        () -> db == null
                                ? ""
                                : "store counted "
                                        + (long) meters.counter("wxqr.token.refreshes", "outcome", "ok")
                                                .count() + " fetches");
            } finally {
                instances.forEach(WeChatClient::close);
                if (db != null) {
                    db.close();
                }
            }
        }
    }

    /**
     * WxJava's side. {@code sharedConfig=false} is what separate instances have (each its own
     * in-memory config); {@code true} gives all services one config, WxJava's best case: as if its
     * token storage were shared, so only its own locking decides how many fetches happen.
     */
    static Result wxJava(int calls, int clients, boolean sharedConfig) throws Exception {
        try (WeChatEmulator wx = WeChatEmulator.start(
                EmulatorSettings.builder().tokenLifetime(TOKEN_LIFETIME).build())) {
            wx.createAccount(NewAccount.of(APP_ID, SECRET));
            EmulatedUser user = wx.createUser(APP_ID, "压测用户");
            List<WxMpDefaultConfigImpl> configs = new ArrayList<>();
            List<WxMpService> services = new ArrayList<>();
            WxMpDefaultConfigImpl sharedOne = sharedConfig ? WxJavaConfigs.against(wx, APP_ID, SECRET) : null;
            for (int i = 0; i < clients; i++) {
                WxMpDefaultConfigImpl config = sharedConfig ? sharedOne : WxJavaConfigs.against(wx, APP_ID, SECRET);
                WxMpService service = new WxMpServiceImpl();
                service.setWxMpConfigStorage(config);
                if (!configs.contains(config)) {
                    configs.add(config);
                }
                services.add(service);
            }
            List<Callable<?>> burst = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                WxMpService service = services.get(i % clients);
                burst.add(() -> service.getUserService().userInfo(user.openid()));
            }
            String side = sharedConfig
                    ? "WxJava 4.7.0, one WxMpDefaultConfigImpl shared by all"
                    : "WxJava 4.7.0, own WxMpDefaultConfigImpl each";
            return threeBursts(
                    side, wx, burst, () -> configs.forEach(WxMpDefaultConfigImpl::expireAccessToken), () -> "");
        }
    }

    /**
     * Runs the three bursts of one side, counting the {@code /cgi-bin/token} fetches of each: a cold
     * start, a burst with the token valid, and one after the emulator's clock moved a token lifetime
     * on and {@code expireClients} expired the token on the clients' side too.
     */
    private static Result threeBursts(
            String side,
            WeChatEmulator wx,
            List<Callable<?>> burst,
            Runnable expireClients,
            java.util.function.Supplier<String> note)
            throws InterruptedException {
        wx.clearCalls();
        Burst.Outcome cold = Burst.run(burst, TIMEOUT_SECONDS);
        int coldFetches = wx.calls("/cgi-bin/token").size();
        wx.clearCalls();
        Burst.Outcome valid = Burst.run(burst, TIMEOUT_SECONDS);
        int validFetches = wx.calls("/cgi-bin/token").size();

        wx.advanceClock(TOKEN_LIFETIME);
        expireClients.run();
        wx.clearCalls();
        Burst.Outcome expired = Burst.run(burst, TIMEOUT_SECONDS);
        int expiredFetches = wx.calls("/cgi-bin/token").size();
        return new Result(side, cold, coldFetches, valid, validFetches, expired, expiredFetches, note.get());
    }

    private static void print(List<Result> results) {
        System.out.println(
                "| side | burst | /cgi-bin/token fetches | ok | failed | p50 wait ms | p99 wait ms | slowest wait ms |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            row(r.side(), "1 cold start (no token yet)", r.coldFetches(), r.cold());
            row(r.side(), "2 token valid (baseline)", r.validFetches(), r.valid());
            row(r.side(), "3 just after expiry", r.expiredFetches(), r.expired());
        }
        System.out.println();
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "%s: slowest wait after expiry / with a valid token = %.2f; failures by burst: %s, %s, %s %s%n",
                    r.side(),
                    r.expired().slowest() / r.valid().slowest(),
                    r.cold().failures(),
                    r.valid().failures(),
                    r.expired().failures(),
                    r.note());
        }
    }

    private static void row(String side, String burst, int fetches, Burst.Outcome o) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %d | %d | %d | %.1f | %.1f | %.1f |%n",
                side,
                burst,
                fetches,
                o.ok(),
                o.waitsMillis().length - o.ok(),
                o.percentile(50),
                o.percentile(99),
                o.slowest());
    }
}
