package com.wxqr.mp.api;

import static com.wxqr.mp.api.WeChatClientTest.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One deadline per call covers the whole answer: a raw loopback server that sends the headers and
 * part of the body and then stalls must not hold the caller past the call timeout.
 */
class WeChatClientTimeoutTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
    /**
     * How late past the deadline a failed call may return: generous, because on a shared, loaded
     * machine the woken caller may wait seconds for a core. Without the deadline the call would
     * never return at all (the server never finishes the body).
     */
    private static final Duration SLACK = Duration.ofSeconds(5);

    /** Answers every request with 200, a Content-Length of 200 and only the first bytes of the body, then stalls. */
    private ServerSocket stalling;

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(
                () -> {
                    while (!stalling.isClosed()) {
                        try {
                            Socket socket = stalling.accept();
                            held.add(socket);
                            BufferedReader in = new BufferedReader(
                                    new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                                // the request's headers; GET requests have no body
                            }
                            requests.incrementAndGet();
                            OutputStream out = socket.getOutputStream();
                            out.write(
                                    ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
                                                    + "{\"access_token\":\"PART")
                                            .getBytes(StandardCharsets.ISO_8859_1));
                            out.flush(); // and never more
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "stalling-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        stalling.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + stalling.getLocalPort());
    }

    @Test
    void aBodyThatStallsAfterTheHeadersFailsTheCallWithinItsDeadlineAndTheListenerSeesIt() {
        WeChatClientEventListenerTest.Recorder recorder = new WeChatClientEventListenerTest.Recorder();
        try (WeChatClient client = clientFor(base())
                .connectTimeout(Duration.ofMillis(500))
                .callTimeout(CALL_TIMEOUT)
                .eventListener(recorder)
                .build()) {
            long started = System.nanoTime();

            assertThatThrownBy(client::accessToken)
                    .isInstanceOf(WeChatTransportException.class)
                    .hasMessage("GET /cgi-bin/token did not complete within the call timeout of PT1S")
                    .hasCauseInstanceOf(HttpTimeoutException.class);

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took)
                    .isGreaterThanOrEqualTo(CALL_TIMEOUT.minusMillis(50))
                    .isLessThan(CALL_TIMEOUT.plus(SLACK));
            assertThat(requests).hasValue(1);
            assertThat(recorder.events).containsExactly("start token", "failed token WeChatTransportException");
        }
    }

    @Test
    void aTokenFetchThatStallsInsideACallSharesTheCallsDeadline() {
        try (WeChatClient client = clientFor(base()).callTimeout(CALL_TIMEOUT).build()) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> client.sendText("OPENID", "hi")).isInstanceOf(WeChatTransportException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(CALL_TIMEOUT.minusMillis(50))
                    .isLessThan(CALL_TIMEOUT.plus(SLACK));
        }
    }

    @Test
    void timeoutsAreValidatedAtConstructionNamingTheSetting() {
        assertThatThrownBy(() -> clientFor(base()).callTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callTimeout");
        assertThatThrownBy(() ->
                        clientFor(base()).connectTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> clientFor(base()).callTimeout(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("callTimeout");
    }
}
