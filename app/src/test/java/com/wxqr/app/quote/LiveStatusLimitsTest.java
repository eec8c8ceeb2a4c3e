package com.wxqr.app.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wxqr.app.system.AppClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The live status's limits, over real sockets: streams per client address and per instance, the
 * heartbeat that finds clients that vanished, and the health check unaffected by a flood.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxqr.demo.emulator-port=0",
            "spring.datasource.url=jdbc:h2:mem:live-limits;DB_CLOSE_DELAY=-1",
            "wxqr.live.max-streams-per-client=20",
            "wxqr.live.max-streams=30",
            "wxqr.live.heartbeat=300ms"
        })
class LiveStatusLimitsTest {
    static final Duration ANSWER = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    ProgressBroadcaster broadcaster;

    final List<SseSocket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(SseSocket::close);
        await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.openStreams() == 0);
    }

    @Test
    void twoHundredStreamsFromOneClientGetTwentyAnd429WhileHealthStaysFast() throws Exception {
        String id = new AppClient(port).createQuote().get("id").asString();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/livez"))
                .build();
        assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200); // warmed up
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong slowestHealthMillis = new AtomicLong();
        AtomicLong healthChecks = new AtomicLong();
        List<Long> healthMillis = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread checker = new Thread(() -> {
            while (flooding.get()) {
                long start = System.nanoTime();
                try {
                    int status = http.send(health, HttpResponse.BodyHandlers.ofString())
                            .statusCode();
                    if (status != 200) {
                        slowestHealthMillis.set(Long.MAX_VALUE);
                    }
                } catch (Exception e) {
                    slowestHealthMillis.set(Long.MAX_VALUE);
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                slowestHealthMillis.accumulateAndGet(millis, Math::max);
                healthMillis.add(millis);
                healthChecks.incrementAndGet();
            }
        });
        checker.start();
        try {
            int accepted = 0;
            int refused = 0;
            for (int batch = 0; batch < 10; batch++) { // 20 requests at a time, as fast as they are answered
                List<SseSocket> opened = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    opened.add(SseSocket.open(1, port, id));
                }
                sockets.addAll(opened);
                for (SseSocket socket : opened) {
                    int status = socket.status(ANSWER);
                    if (status == 200) {
                        accepted++;
                    } else if (status == 429) {
                        refused++;
                    }
                }
            }
            assertThat(accepted).isEqualTo(20);
            assertThat(refused).isEqualTo(180);
            assertThat(broadcaster.openStreams()).isEqualTo(20);

            // another address still gets streams, up to the instance's 30
            List<Integer> other = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                SseSocket socket = SseSocket.open(2, port, id);
                sockets.add(socket);
                other.add(socket.status(ANSWER));
            }
            assertThat(other.subList(0, 10)).containsOnly(200);
            assertThat(other.subList(10, 12)).containsOnly(429);
        } finally {
            flooding.set(false);
            checker.join();
        }
        System.out.printf(
                "health during the flood: %d checks, slowest %d ms (all: %s)%n",
                healthChecks.get(), slowestHealthMillis.get(), healthMillis);
        assertThat(healthChecks.get()).isPositive();
        assertThat(slowestHealthMillis.get()).isLessThan(1000);
    }

    @Test
    void theHeartbeatFindsVanishedClientsAndFreesTheirPlaces() {
        String id = new AppClient(port).createQuote().get("id").asString();
        for (int i = 0; i < 20; i++) {
            SseSocket socket = SseSocket.open(3, port, id);
            sockets.add(socket);
            assertThat(socket.status(ANSWER)).isEqualTo(200);
        }
        SseSocket first = sockets.get(0);
        assertThat(first.awaitLine("event:waiting", ANSWER)).isTrue();
        assertThat(first.awaitLine(":", Duration.ofSeconds(5)))
                .as("a heartbeat comment")
                .isTrue();
        try (SseSocket refused = SseSocket.open(3, port, id)) {
            assertThat(refused.status(ANSWER)).isEqualTo(429);
        }

        sockets.forEach(SseSocket::close); // the laptop lid closes: no FIN is awaited, nothing more is read
        await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.openStreams() == 0);
        SseSocket again = SseSocket.open(3, port, id);
        sockets.add(again);
        assertThat(again.status(ANSWER)).isEqualTo(200);
        assertThat(again.awaitLine("event:waiting", ANSWER)).isTrue();
    }
}
