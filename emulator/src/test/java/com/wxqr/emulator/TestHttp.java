package com.wxqr.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.wxqr.emulator.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A plain java.net.http client for the tests, as an independent client would call the emulator. */
final class TestHttp {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestHttp() {}

    static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    static HttpResponse<byte[]> getBytes(URI uri) {
        try {
            return CLIENT.send(
                    HttpRequest.newBuilder(uri)
                            .GET()
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(URI uri, String body) {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static JsonNode getJson(URI uri) {
        return json(get(uri));
    }

    static JsonNode postJson(URI uri, Object body) {
        return json(post(uri, body instanceof String s ? s : Json.write(body)));
    }

    /** The account's access_token, as {@code GET /cgi-bin/token} issues it. */
    static String accessToken(WeChatEmulator wx, String appId, String secret) {
        return getJson(wx.url("/cgi-bin/token?grant_type=client_credential&appid=" + appId + "&secret=" + secret))
                .get("access_token")
                .asString();
    }

    /** The answer of {@code POST /cgi-bin/qrcode/create} for a 10-minute code of string scene {@code scene}. */
    static JsonNode createCode(WeChatEmulator wx, String accessToken, String scene) {
        return postJson(
                wx.url("/cgi-bin/qrcode/create?access_token=" + accessToken),
                "{\"expire_seconds\":600,\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\""
                        + scene + "\"}}}");
    }

    /** Answers a test server's exchange with 200 and {@code body}; {@code contentType} null sends none. */
    static void answer(HttpExchange ex, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        ex.close();
    }

    static JsonNode json(HttpResponse<String> response) {
        JsonNode node = Json.parseOrNull(response.body());
        if (node == null) {
            throw new AssertionError("not JSON (HTTP " + response.statusCode() + "): " + response.body());
        }
        return node;
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(
                    HttpRequest.newBuilder(request, (n, v) -> true)
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the emulator could not be reached at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
