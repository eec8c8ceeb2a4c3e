package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The standalone entry point in its own JVM: starts on the given port and serves the hosts and the phone. */
class StandaloneMainTest {

    @Test
    void main_serves_on_the_given_port_and_refuses_unknown_options() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Process bad = new ProcessBuilder(java, "-cp", cp, Main.class.getName(), "--nonsense=1")
                .redirectErrorStream(true)
                .start();
        assertThat(bad.waitFor()).isEqualTo(2);
        assertThat(new String(bad.getInputStream().readAllBytes())).contains("unknown option --nonsense");

        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        cp,
                        Main.class.getName(),
                        "--server.port=" + port,
                        "--emulator.push-timeout-ms=1000")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            URI base = URI.create("http://localhost:" + port);
            await().atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .until(() -> TestHttp.get(base.resolve("/emulator")).statusCode() == 200);
            assertThat(TestHttp.postJson(
                                    base.resolve("/emulator/accounts"),
                                    "{\"appId\":\"wxd0d0d0d0d0d0d0d0\",\"secret\":\"s\"}")
                            .get("appId")
                            .asString())
                    .isEqualTo("wxd0d0d0d0d0d0d0d0");
            assertThat(TestHttp.getJson(base.resolve(
                                    "/cgi-bin/token?grant_type=client_credential&appid=wxd0d0d0d0d0d0d0d0&secret=s"))
                            .get("expires_in")
                            .asInt())
                    .isEqualTo(7200);
            assertThat(TestHttp.get(base.resolve("/phone")).body()).contains("扫一扫");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
