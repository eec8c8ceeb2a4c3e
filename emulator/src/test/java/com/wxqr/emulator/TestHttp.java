package com.wxqr.emulator;

import com.wxqr.emulator.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
