package com.wxqr.app.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON calls over HTTP/1.1 to a running app (its {@code /api/}) or emulator (its control API under
 * {@code /emulator/}), from outside their JVM. Thread-safe.
 */
public final class JsonClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Duration timeout;

    /** @param timeout how long each call may take, from sending it to the whole answer */
    public JsonClient(Duration timeout) {
        this.timeout = timeout;
    }

    /** The HTTP client the calls use, for requests that are not JSON calls (event streams). */
    public HttpClient http() {
        return http;
    }

    /**
     * Sends {@code method path} to {@code base}, with {@code body} as JSON (no body when null), and reads the
     * answer as JSON.
     *
     * @param expected the status the answer must have; 0 takes any 2xx
     * @throws IllegalStateException when the answer has another status, naming the call, the status and the answer
     */
    public JsonNode call(URI base, String method, String path, JsonNode body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        boolean ok = expected == 0 ? response.statusCode() / 100 == 2 : response.statusCode() == expected;
        if (!ok) {
            throw new IllegalStateException(
                    method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
