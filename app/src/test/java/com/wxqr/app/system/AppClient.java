package com.wxqr.app.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Talks to the running app over real HTTP, as the page's JavaScript does. */
public final class AppClient {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public AppClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public String base() {
        return base;
    }

    /** {@code POST /api/quotes}; the created quote as JSON. */
    public JsonNode createQuote(double usableArea, String layout, String grade) {
        ObjectNode body = JSON.createObjectNode()
                .put("usableArea", usableArea)
                .put("layout", layout)
                .put("grade", grade);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/quotes"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "POST /api/quotes answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public JsonNode createQuote() {
        return createQuote(89, "3-2", "standard");
    }

    public JsonNode quote(String id) {
        return JSON.readTree(get("/api/quotes/" + id).body());
    }

    public String status(String id) {
        return quote(id).get("status").get("status").asString();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the app did not answer " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Follows {@code /api/quotes/{id}/events}; the event names arrive in {@link EventStream#names()}. */
    public EventStream events(String id) {
        EventStream stream = new EventStream();
        stream.reading = http.sendAsync(
                        HttpRequest.newBuilder(URI.create(base + "/api/quotes/" + id + "/events"))
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(line -> {
                    if (line.startsWith("event:")) {
                        stream.names.add(line.substring("event:".length()).strip());
                    } else if (line.startsWith("data:")) {
                        stream.data.add(JSON.readTree(line.substring("data:".length())));
                    }
                }));
        return stream;
    }

    /** What an SSE stream has received so far. */
    public static final class EventStream {
        final List<String> names = new CopyOnWriteArrayList<>();
        final List<JsonNode> data = new CopyOnWriteArrayList<>();
        /** The reading of the stream; it fails when the app does not answer. */
        java.util.concurrent.CompletableFuture<Void> reading;

        public List<String> names() {
            return names;
        }

        public List<JsonNode> data() {
            return data;
        }
    }
}
