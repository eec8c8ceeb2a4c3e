package com.wxqr.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.RunningApp;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The app behind a real nginx on a port that is neither 80 nor 443, with the least a proxy sends:
 * {@code Host $host} (no port) and {@code X-Forwarded-Proto $scheme}, no {@code X-Forwarded-Port},
 * over HTTP/1.0 (nginx's default); nginx is a trusted proxy. Tomcat then believes the request came
 * to port 80, so a redirect whose absolute {@code Location} were built from the request would lose
 * nginx's port (as it did before {@code RelativeRedirects}). Every redirect the
 * app gives keeps it: the site's own (the form, 我的报价, logging out, web authorization's return),
 * Spring Security's for {@code /admin}, and WeChat's authorization, whose {@code redirect_uri} comes
 * from {@code wxqr.public-url}. nginx runs with its own prefix in a temporary directory, on loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyRedirectsIT {
    final WeChatEmulator wx = WeChatEmulator.start(0);
    final TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2);
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Path prefix;
    Process nginx;
    RunningApp app;
    String site;

    @BeforeAll
    void start() throws Exception {
        int port = freePort();
        site = "http://127.0.0.1:" + port;
        NewAccount account = NewAccount.of("wx2222333344445555", "0123456789abcdef0123456789abcdef")
                .withToken("proxytoken")
                .withMode("plain");
        wx.createAccount(account);
        app = RunningApp.start(wx, account, db, "wxqr.public-url=" + site, "wxqr.trusted-proxies=127.0.0.1,::1");
        prefix = Files.createTempDirectory("wxqr-nginx");
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        Files.writeString(prefix.resolve("nginx.conf"), """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/temp/body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://127.0.0.1:%3$d;
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-Proto $scheme;
                        }
                    }
                }
                """.formatted(prefix, port, app.port()));
        nginx = new ProcessBuilder(
                        "nginx",
                        "-p",
                        prefix.toString(),
                        "-e",
                        prefix.resolve("logs/error.log").toString(),
                        "-c",
                        prefix.resolve("nginx.conf").toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile())
                .start();
        awaitListening(port);
    }

    @AfterAll
    void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (app != null) {
            app.close();
        }
        db.close();
        wx.close();
    }

    @Test
    void theQuoteFormRedirectsToTheScanPageOnTheProxysPort() {
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(site + "/quotes"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("usableArea=89&layout=3-2&grade=standard"))
                .build());
        URI scanPage = redirect(posted);
        assertThat(scanPage.getPath()).startsWith("/quotes/");
        assertThat(get(scanPage.getRawPath(), "").statusCode()).isEqualTo(200);
    }

    @Test
    void mineAndLogOutRedirectOnTheProxysPort() {
        URI login = redirect(get("/my", ""));
        assertThat(login.getPath()).isEqualTo("/login");
        assertThat(get(login.getRawPath(), "").statusCode()).isEqualTo(200);

        URI home = redirect(send(HttpRequest.newBuilder(URI.create(site + "/logout"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build()));
        assertThat(home.getPath()).isEqualTo("/");
    }

    @Test
    void theAdminAreaSendsStrangersToItsLoginPageOnTheProxysPort() {
        URI login = redirect(get("/admin", ""));
        assertThat(login.getPath()).isEqualTo("/admin/login");
        assertThat(get(login.getRawPath(), "").statusCode()).isEqualTo(200);
        assertThat(redirect(get("/admin/leads", "")).getPath()).isEqualTo("/admin/login");
    }

    @Test
    void webAuthorizationLeavesAndComesBackOnThePublicUrl() {
        String id = createQuote();
        HttpResponse<String> toWeChat = get("/q/" + id + "/authorize", "");
        assertThat(toWeChat.statusCode()).isEqualTo(302);
        URI authorize = URI.create(toWeChat.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.getPort())
                .as("WeChat's authorization page")
                .isEqualTo(wx.baseUrl().getPort());
        assertThat(parameter(authorize, "redirect_uri")).isEqualTo(site + "/oauth/wechat");

        // the visitor declines: WeChat sends the browser back without a code, to the quote's page
        String cookie =
                toWeChat.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        URI back = redirect(get("/oauth/wechat?state=" + parameter(authorize, "state"), cookie));
        assertThat(back.getPath()).isEqualTo("/q/" + id);
    }

    /** The redirect's target, resolved as a browser does: it must be on nginx, with nginx's port. */
    private URI redirect(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + " redirects").isIn(301, 302, 303, 307, 308);
        String location = response.headers().firstValue("Location").orElseThrow();
        URI target = response.uri().resolve(location);
        assertThat(target.getScheme() + "://" + target.getAuthority())
                .as("where %s sends the browser (Location: %s)", response.uri().getPath(), location)
                .isEqualTo(site);
        return target;
    }

    private String createQuote() {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(site + "/api/quotes"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"usableArea\":89,\"layout\":\"3-2\",\"grade\":\"standard\"}"))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static String parameter(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " missing from " + uri);
    }

    private HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(site + path)).GET();
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx stopped: " + Files.readString(prefix.resolve("nginx.out")));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port);
    }
}
