package com.wxqr.app.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wxqr.app.WxqrApplication;
import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.UnguessableId;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The app in its own JVM with 50 pages following a quote: SIGTERM ends the process within 5 s
 * (the streams are completed first, so the graceful shutdown has nothing to wait for) and every
 * page sees its stream end.
 */
class ShutdownWithOpenStreamsTest {
    Process app;
    final List<SseSocket> sockets = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        sockets.forEach(SseSocket::close);
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
    }

    @Test
    void sigtermWithFiftyOpenStreamsEndsTheProcessWithinFiveSeconds() throws Exception {
        int port = freePort();
        Path log = Files.createDirectories(Path.of("target")).resolve("shutdown-with-open-streams.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        app = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        WxqrApplication.class.getName(),
                        "--server.port=" + port,
                        "--wxqr.demo.emulator-port=0",
                        "--management.server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:shutdown-" + UnguessableId.nextAlphanumeric()
                                + ";DB_CLOSE_DELAY=-1",
                        "--wxqr.live.max-streams-per-client=100")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AppClient client = new AppClient(port);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> client.get("/livez").statusCode() == 200);
        String id = client.createQuote().get("id").asString();
        for (int i = 0; i < 50; i++) {
            sockets.add(SseSocket.open(1, port, id));
        }
        for (SseSocket socket : sockets) {
            assertThat(socket.status(Duration.ofSeconds(20))).isEqualTo(200);
            assertThat(socket.awaitLine("event:waiting", Duration.ofSeconds(20)))
                    .isTrue();
        }

        long start = System.nanoTime();
        app.destroy(); // SIGTERM
        boolean exited = app.waitFor(15, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("SIGTERM with 50 open streams: the process exited after %d ms%n", millis);

        assertThat(exited).as("the process exited within 15 s; see " + log).isTrue();
        assertThat(millis).as("milliseconds from SIGTERM to exit; see " + log).isLessThan(5000);
        for (SseSocket socket : sockets) {
            assertThat(socket.awaitEnd(Duration.ofSeconds(1))).isTrue();
        }
        assertThat(Files.readString(log)).contains("Completed 50 live status streams for shutdown");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
