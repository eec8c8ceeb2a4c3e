package com.wxqr.mp.api;

import static com.wxqr.mp.api.WeChatClientTest.SECRET;
import static com.wxqr.mp.api.WeChatClientTest.TOKEN;
import static com.wxqr.mp.api.WeChatClientTest.clientFor;
import static com.wxqr.mp.api.WeChatClientTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an {@link EventListener} sees of successful and failed calls against a real loopback server. */
class WeChatClientEventListenerTest {

    /** Records every event as one line: "start e", "end e", "failed e Type errcode". */
    static final class Recorder implements EventListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Duration> durations = new CopyOnWriteArrayList<>();

        @Override
        public void callStart(String endpoint) {
            events.add("start " + endpoint);
        }

        @Override
        public void callEnd(String endpoint, Duration duration) {
            events.add("end " + endpoint);
            durations.add(duration);
        }

        @Override
        public void callFailed(String endpoint, Duration duration, WeChatException failure) {
            String code = failure instanceof WeChatApiException api ? " " + api.errcode() : "";
            events.add("failed " + endpoint + " " + failure.getClass().getSimpleName() + code);
            durations.add(duration);
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final Recorder recorder = new Recorder();
    private WeChatClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = clientFor(server.url("/").uri()).eventListener(recorder).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aSuccessfulCallAndTheTokenFetchItNeededAreEachSeenFromStartToEnd() {
        server.enqueue(json("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}"));
        server.enqueue(json("{\"ticket\":\"T\",\"expire_seconds\":60,\"url\":\"http://weixin.qq.com/q/x\"}"));

        client.createQrCode(QrRequest.temporary("quote-1", Duration.ofSeconds(60)));

        assertThat(recorder.events)
                .containsExactly("start qrcode/create", "start token", "end token", "end qrcode/create");
        assertThat(recorder.durations).allSatisfy(d -> assertThat(d).isPositive());
    }

    @Test
    void anApiRefusalIsSeenWithItsErrcode() {
        server.enqueue(json("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}"));
        server.enqueue(json("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}"));

        assertThatThrownBy(() -> client.sendText("OPENID", "hi")).isInstanceOf(RateLimitedException.class);

        assertThat(recorder.events)
                .containsExactly(
                        "start message/custom/send",
                        "start token",
                        "end token",
                        "failed message/custom/send RateLimitedException 45009");
    }

    @Test
    void aRenewedTokenAndBusyRetriesStayInsideOneCall() {
        server.enqueue(json("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}"));
        server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        server.enqueue(json("{\"access_token\":\"" + TOKEN + "-2\",\"expires_in\":7200}"));
        server.enqueue(json("{\"errcode\":-1,\"errmsg\":\"system error\"}"));
        server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        client.sendText("OPENID", "hi");

        assertThat(recorder.events)
                .containsExactly(
                        "start message/custom/send",
                        "start token",
                        "end token",
                        "start token",
                        "end token",
                        "end message/custom/send");
    }

    @Test
    void anHttpErrorIsSeenAsATransportFailure() {
        server.enqueue(new MockResponse.Builder().code(503).build());

        assertThatThrownBy(client::accessToken).isInstanceOf(WeChatTransportException.class);

        assertThat(recorder.events).containsExactly("start token", "failed token WeChatTransportException");
    }

    @Test
    void aRefusedConnectionIsSeenAsATransportFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Recorder own = new Recorder();
        try (WeChatClient unreachable = clientFor(URI.create("http://127.0.0.1:" + closedPort))
                .eventListener(own)
                .build()) {
            assertThatThrownBy(() -> unreachable.exchangeCode("CODE")).isInstanceOf(WeChatTransportException.class);
        }
        assertThat(own.events)
                .containsExactly(
                        "start sns/oauth2/access_token", "failed sns/oauth2/access_token WeChatTransportException");
    }

    @Test
    void aCallerMistakeStartsNothing() {
        assertThatThrownBy(() -> client.sendText(" ", "hi")).isInstanceOf(IllegalArgumentException.class);

        assertThat(recorder.events).isEmpty();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aFailingListenerDoesNotBreakTheCallAndEndpointsNeverCarrySecrets() {
        List<String> endpoints = new CopyOnWriteArrayList<>();
        EventListener throwing = new EventListener() {
            @Override
            public void callStart(String endpoint) {
                endpoints.add(endpoint);
                throw new IllegalStateException("listener bug");
            }
        };
        try (WeChatClient withBadListener =
                clientFor(server.url("/").uri()).eventListener(throwing).build()) {
            server.enqueue(json("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}"));
            server.enqueue(json("{\"subscribe\":0,\"openid\":\"OPENID\"}"));

            assertThat(withBadListener.userInfo("OPENID").openid()).isEqualTo("OPENID");
        }
        assertThat(endpoints)
                .containsExactly("user/info", "token")
                .allSatisfy(e -> assertThat(e).doesNotContain(TOKEN, SECRET, "?", "http"));
    }

    @Test
    void aMissingListenerIsRefusedNamingTheSetting() {
        assertThatThrownBy(() ->
                        clientFor(server.url("/").uri()).eventListener(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("eventListener");
    }
}
