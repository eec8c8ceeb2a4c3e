package com.wxqr.app.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Copying an avatar from a real HTTP server on loopback: only bounded, real images within the deadline. */
class AvatarCopierTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3};

    HttpServer server;
    String base;
    AvatarCopier copier = new AvatarCopier(new ProfileProperties(Duration.ofDays(7), 2048, Duration.ofMillis(1500)));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 10);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        serve("/ok.png", "image/png", PNG, 0);
        serve("/big.png", "image/png", concat(PNG, new byte[4096]), 0);
        serve("/page.html", "text/html", "<html>".getBytes(StandardCharsets.UTF_8), 0);
        serve("/fake.png", "image/png", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), 0);
        serve("/stalled.png", "image/png", PNG, 5000);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void serve(String path, String type, byte[] body, long stallMillis) {
        server.createContext(path, ex -> {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body, 0, 4);
                out.flush();
                Thread.sleep(stallMillis);
                out.write(body, 4, body.length - 4);
            } catch (InterruptedException | IOException e) {
                // the client gave up
            }
        });
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aPngIsCopiedWithItsType() {
        assertThat(copier.copy(base + "/ok.png")).hasValueSatisfying(a -> {
            assertThat(a.contentType()).isEqualTo("image/png");
            assertThat(a.bytes()).isEqualTo(PNG);
        });
    }

    @Test
    void tooLargeNotAnImageOrNotWhatItClaimsIsRefused() {
        assertThat(copier.copy(base + "/big.png")).isEmpty();
        assertThat(copier.copy(base + "/page.html")).isEmpty();
        assertThat(copier.copy(base + "/fake.png")).isEmpty();
        assertThat(copier.copy(base + "/missing.png")).isEmpty();
        assertThat(copier.copy("file:///etc/passwd")).isEmpty();
        assertThat(copier.copy(null)).isEmpty();
    }

    @Test
    void aBodyThatStallsIsGivenUpAtTheDeadline() {
        long start = System.nanoTime();
        assertThat(copier.copy(base + "/stalled.png")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
}
