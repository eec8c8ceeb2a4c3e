package com.wxqr.mp.api;

import static com.wxqr.mp.api.WeChatClientTest.clientFor;
import static com.wxqr.mp.api.WeChatClientTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.mp.ConcurrentCallers;
import com.wxqr.mp.token.AccessToken;
import com.wxqr.mp.token.AccessTokenStore;
import com.wxqr.mp.token.AccessTokenUnavailableException;
import com.wxqr.mp.token.InMemoryAccessTokenStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Token life over real HTTP: one fetch under contention, invalidate-and-retry once, busy retries, refresh ahead. */
class WeChatClientTokenTest {

    @RegisterExtension
    final MockWeChat wechat = new MockWeChat();

    private final MockWebServer server = wechat.server;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    private static final String T1 = "ACCESS-TOKEN-ONE-0123456789abcdefghij";
    private static final String T2 = "ACCESS-TOKEN-TWO-0123456789abcdefghij";

    private static String tokenAnswer(String token) {
        return "{\"access_token\":\"" + token + "\",\"expires_in\":7200}";
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    @ParameterizedTest
    @ValueSource(ints = {40001, 40014, 42001})
    void aRejectedTokenIsReplacedAndTheCallRepeatedOnce(int errcode) throws Exception {
        WeChatClient client = wechat.client;
        server.enqueue(json(tokenAnswer(T1)));
        server.enqueue(json("{\"errcode\":" + errcode + ",\"errmsg\":\"access_token is invalid\"}"));
        server.enqueue(json(tokenAnswer(T2)));
        server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        client.sendText("OPENID", "hi");
        client.sendText("OPENID", "again");

        assertThat(take().getUrl().encodedPath()).isEqualTo("/cgi-bin/token");
        assertThat(take().getUrl().queryParameter("access_token")).isEqualTo(T1);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/cgi-bin/token");
        RecordedRequest retried = take();
        assertThat(retried.getUrl().queryParameter("access_token")).isEqualTo(T2);
        assertThat(retried.getBody().utf8()).isEqualTo(take().getBody().utf8().replace("again", "hi"));
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void aSecondRejectionReachesTheCaller() throws Exception {
        WeChatClient client = wechat.client;
        server.enqueue(json(tokenAnswer(T1)));
        server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        server.enqueue(json(tokenAnswer(T2)));
        server.enqueue(json("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}"));

        assertThatThrownBy(() -> client.userInfo("OPENID"))
                .isInstanceOf(InvalidTokenException.class)
                .satisfies(e -> {
                    assertThat(((WeChatApiException) e).errcode()).isEqualTo(42001);
                    assertThat(WeChatClientFailureTest.printed(e)).doesNotContain(T1, T2);
                });
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void busyAnswersAreRetriedWithGrowingJitteredBackoff() throws Exception {
        WeChatClient client = wechat.client(b -> b.sleeper(waits::add));
        server.enqueue(json(tokenAnswer(T1)));
        server.enqueue(json("{\"errcode\":-1,\"errmsg\":\"system error\"}"));
        server.enqueue(json("{\"errcode\":-1,\"errmsg\":\"system error\"}"));
        server.enqueue(json("{\"subscribe\":1,\"openid\":\"OPENID\"}"));

        assertThat(client.userInfo("OPENID").subscribed()).isTrue();

        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void busyRetriesAreBoundedAndTheLastBusyErrorSurfaces() throws Exception {
        WeChatClient client = wechat.client(b -> b.sleeper(waits::add));
        server.enqueue(json(tokenAnswer(T1)));
        for (int i = 0; i < 4; i++) {
            server.enqueue(json("{\"errcode\":-1,\"errmsg\":\"system error " + i + "\"}"));
        }

        assertThatThrownBy(() -> client.sendText("OPENID", "hi"))
                .isInstanceOf(SystemBusyException.class)
                .satisfies(e -> assertThat(((WeChatApiException) e).errmsg()).isEqualTo("system error 2"));
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(waits).hasSize(2);
    }

    @Test
    void aBusyPauseThatWouldOutlastTheCallTimeoutIsNotTaken() throws Exception {
        WeChatClient client = wechat.client(
                b -> b.sleeper(waits::add).busyRetry(3, Duration.ofSeconds(4)).callTimeout(Duration.ofSeconds(1)));
        server.enqueue(json(tokenAnswer(T1)));
        server.enqueue(json("{\"errcode\":-1,\"errmsg\":\"system error\"}"));
        server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        assertThatThrownBy(() -> client.sendText("OPENID", "hi")).isInstanceOf(SystemBusyException.class);
        assertThat(waits).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aBusyTokenEndpointIsRetriedToo() throws Exception {
        WeChatClient client = wechat.client(b -> b.sleeper(waits::add).busyRetry(2, Duration.ofMillis(50)));
        server.enqueue(json("{\"errcode\":-1,\"errmsg\":\"system error\"}"));
        server.enqueue(json(tokenAnswer(T1)));

        assertThat(client.accessToken().value()).isEqualTo(T1);
        assertThat(waits)
                .singleElement()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(25), Duration.ofMillis(50)));
    }

    @Test
    void aHundredConcurrentCallersCauseExactlyOneTokenFetch() throws Exception {
        try (ScriptedWeChat weChat = new ScriptedWeChat();
                WeChatClient client =
                        clientFor(weChat.baseUrl()).clock(Clock.systemUTC()).build()) {
            weChat.tokenDelayMillis = 300;
            int callers = 100;
            AtomicInteger n = new AtomicInteger();

            List<Outcome> outcomes = concurrently(callers, () -> {
                client.sendText("OPENID", "message " + n.incrementAndGet());
                return null;
            });

            assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
            assertThat(weChat.tokenFetches).hasValue(1);
            assertThat(weChat.tokensUsed).hasSize(callers).containsOnly(ScriptedWeChat.token(1));
        }
    }

    /** What one of several concurrent callers got, and how long it took. */
    private record Outcome(Object value, Throwable failure, Duration took) {}

    private static List<Outcome> concurrently(int callers, Supplier<?> call) throws Exception {
        return ConcurrentCallers.run(callers, i -> {
            long started = System.nanoTime();
            try {
                Object value = call.get();
                return new Outcome(value, null, Duration.ofNanos(System.nanoTime() - started));
            } catch (RuntimeException e) {
                return new Outcome(null, e, Duration.ofNanos(System.nanoTime() - started));
            }
        });
    }

    @Test
    void aHangingTokenEndpointCausesOneFetchAndTheOtherCallersGiveUpAfterTheirBoundedWait() throws Exception {
        Duration wait = Duration.ofMillis(500);
        try (ScriptedWeChat weChat = new ScriptedWeChat();
                WeChatClient client = clientFor(weChat.baseUrl())
                        .clock(Clock.systemUTC())
                        .tokenWaitTimeout(wait)
                        .callTimeout(Duration.ofSeconds(10))
                        .build()) {
            weChat.tokenDelayMillis = 3000;

            List<Outcome> outcomes = concurrently(20, client::accessToken);

            assertThat(weChat.tokenFetches).hasValue(1);
            assertThat(outcomes)
                    .filteredOn(o -> o.failure() == null)
                    .singleElement()
                    .satisfies(
                            o -> assertThat(((AccessToken) o.value()).value()).isEqualTo(ScriptedWeChat.token(1)));
            assertThat(outcomes)
                    .filteredOn(o -> o.failure() != null)
                    .hasSize(19)
                    .allSatisfy(o -> {
                        assertThat(o.failure())
                                .isInstanceOf(WeChatTransportException.class)
                                .hasMessageContaining("already in progress")
                                .hasCauseInstanceOf(AccessTokenUnavailableException.class);
                        assertThat(o.took()).isLessThan(wait.plusSeconds(2));
                    });
        }
    }

    @Test
    void aFailingTokenEndpointIsAskedOncePerBackOffPeriodNotOncePerCaller() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                fetches.incrementAndGet();
                Thread.sleep(200); // long enough for every caller to arrive while it runs
                return json("{\"errcode\":40125,\"errmsg\":\"invalid appsecret\"}");
            }
        });
        Duration backoff = Duration.ofSeconds(1);
        WeChatClient client = wechat.client(b -> b.clock(Clock.systemUTC()).tokenFailureBackoff(backoff));
        List<Outcome> first = concurrently(20, client::accessToken);

        assertThat(fetches).hasValue(1);
        assertThat(first)
                .allSatisfy(o -> assertThat(o.failure())
                        .isInstanceOfSatisfying(
                                WeChatApiException.class,
                                e -> assertThat(e.errcode()).isEqualTo(40125)));

        List<Outcome> duringBackoff = concurrently(20, client::accessToken);
        assertThat(fetches).as("the remembered failure is handed out at once").hasValue(1);
        assertThat(duringBackoff).allSatisfy(o -> {
            assertThat(o.failure()).isInstanceOf(WeChatApiException.class);
            assertThat(o.took()).isLessThan(Duration.ofMillis(500));
        });

        Thread.sleep(backoff.toMillis() + 100);
        concurrently(20, client::accessToken);
        assertThat(fetches).as("after the back-off, one new attempt").hasValue(2);
    }

    @Test
    void tokenWaitAndBackOffSettingsAreValidatedNamingThem() {
        URI nowhere = URI.create("http://127.0.0.1:1/");
        assertThatThrownBy(
                        () -> clientFor(nowhere).tokenWaitTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenWaitTimeout");
        assertThatThrownBy(() -> clientFor(nowhere)
                        .tokenFailureBackoff(Duration.ofSeconds(-1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenFailureBackoff");
    }

    @Test
    void aBurstOfCallersIsServedThroughAtMostTheConfiguredNumberOfConnections() throws Exception {
        try (ScriptedWeChat weChat = new ScriptedWeChat();
                WeChatClient client = clientFor(weChat.baseUrl())
                        .clock(Clock.systemUTC())
                        .maxConcurrentRequests(4)
                        .build()) {
            weChat.callDelayMillis = 50;
            int callers = 40;

            List<Outcome> outcomes = concurrently(callers, () -> {
                client.sendText("OPENID", "hello");
                return null;
            });

            assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
            assertThat(weChat.tokensUsed).hasSize(callers);
            assertThat(weChat.mostCallsInFlight.get()).isBetween(2, 4);
        }
    }

    @Test
    void anInvalidConnectionCapIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> clientFor(URI.create("http://127.0.0.1:1/"))
                        .maxConcurrentRequests(0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConcurrentRequests");
    }

    @Test
    void aLateRejectionOfAnOldTokenDoesNotDropTheNewerOneAnotherInstanceFetched() throws Exception {
        InMemoryAccessTokenStore shared = new InMemoryAccessTokenStore();
        try (ScriptedWeChat weChat = new ScriptedWeChat();
                WeChatClient a = clientFor(weChat.baseUrl())
                        .clock(Clock.systemUTC())
                        .tokenStore(shared)
                        .build();
                WeChatClient b = clientFor(weChat.baseUrl())
                        .clock(Clock.systemUTC())
                        .tokenStore(shared)
                        .build()) {
            String first = ScriptedWeChat.token(1);
            String second = ScriptedWeChat.token(2);
            assertThat(a.accessToken().value()).isEqualTo(first);
            weChat.validTokens.remove(first); // WeChat no longer accepts it

            b.sendText("OPENID", "from b"); // b: 40001 with token 1, invalidates it, fetches token 2, retries
            assertThat(shared.get(WeChatClientTest.APP_ID))
                    .map(AccessToken::value)
                    .contains(second);

            a.sendText("OPENID", "from a"); // a still holds token 1: its late report must not drop token 2
            assertThat(shared.get(WeChatClientTest.APP_ID))
                    .map(AccessToken::value)
                    .contains(second);
            assertThat(weChat.tokenFetches).hasValue(2);
            assertThat(weChat.tokensUsed).containsExactly(first, second, first, second);
            assertThat(a.accessToken().value()).isEqualTo(second);
        }
    }

    @Test
    void theTokenIsRenewedAheadOfExpiryInTheBackground() throws Exception {
        List<String> fetchingThreads = new CopyOnWriteArrayList<>();
        CountDownLatch renewed = new CountDownLatch(1);
        InMemoryAccessTokenStore memory = new InMemoryAccessTokenStore(Clock.systemUTC(), Duration.ofSeconds(1));
        AccessTokenStore recording = new AccessTokenStore() {
            @Override
            public Optional<AccessToken> get(String appId) {
                return memory.get(appId);
            }

            @Override
            public AccessToken refresh(String appId, AccessToken stale, Supplier<AccessToken> fetch) {
                AccessToken token = memory.refresh(appId, stale, () -> {
                    fetchingThreads.add(Thread.currentThread().getName());
                    return fetch.get();
                });
                if (fetchingThreads.size() == 2) {
                    renewed.countDown();
                }
                return token;
            }

            @Override
            public void invalidate(String appId, AccessToken failed) {
                memory.invalidate(appId, failed);
            }
        };
        try (ScriptedWeChat weChat = new ScriptedWeChat();
                WeChatClient client = clientFor(weChat.baseUrl())
                        .clock(Clock.systemUTC())
                        .tokenStore(recording)
                        .refreshMargin(Duration.ofSeconds(1))
                        .refreshAhead(true)
                        .build()) {
            weChat.expiresIn = 3; // renewal due when two margins (2 s) remain: about 1 s from now
            assertThat(client.accessToken().value()).isEqualTo(ScriptedWeChat.token(1));
            weChat.expiresIn = 7200;

            assertThat(renewed.await(10, TimeUnit.SECONDS))
                    .as("renewed in the background")
                    .isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!client.accessToken().value().equals(ScriptedWeChat.token(2)) && System.nanoTime() < deadline) {
                Thread.sleep(10); // the renewing thread adopts the token right after the store returns it
            }
            assertThat(client.accessToken().value()).isEqualTo(ScriptedWeChat.token(2));
            assertThat(fetchingThreads).hasSize(2);
            assertThat(fetchingThreads.get(1)).startsWith("wxqr-token-refresh-");
            assertThat(weChat.tokenFetches).hasValue(2);
        }
    }
}
