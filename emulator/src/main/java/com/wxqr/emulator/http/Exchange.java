package com.wxqr.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP request and its response. Query parameters are decoded as servers decode them
 * ({@code +} is a space), so a client that forgets to URL-encode a ticket fails here as it would at WeChat.
 */
public final class Exchange {

    /** Request bodies above this size are refused: WeChat's own limits are far lower. */
    private static final int MAX_BODY = 8 * 1024 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String JSON_TYPE = "application/json; encoding=utf-8";

    private final HttpExchange raw;
    private final Map<String, String> pathParams;
    private final Map<String, String> query;
    private byte[] body;
    private int status;
    private String responseText = "";
    private Runnable beforeSend;
    private Duration bodyStall;

    Exchange(HttpExchange raw, Map<String, String> pathParams) {
        this.raw = raw;
        this.pathParams = pathParams;
        this.query = parseQuery(raw.getRequestURI().getRawQuery());
    }

    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    public String method() {
        return raw.getRequestMethod();
    }

    /** The caller's IP address as text (e.g. {@code 127.0.0.1}). */
    public String remoteIp() {
        return raw.getRemoteAddress().getAddress().getHostAddress();
    }

    public String path() {
        return raw.getRequestURI().getPath();
    }

    public String rawQuery() {
        return raw.getRequestURI().getRawQuery();
    }

    /** The first value of a query parameter, or {@code null}. */
    public String query(String name) {
        return query.get(name);
    }

    public Map<String, String> queryParams() {
        return query;
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public String header(String name) {
        return raw.getRequestHeaders().getFirst(name);
    }

    /** The value of a request cookie, or {@code null}. */
    public String cookie(String name) {
        var headers = raw.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(name + "=")) {
                    return p.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    public byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = raw.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                throw new ControlException(413, "request body too large");
            }
        }
        return body;
    }

    public String bodyText() throws IOException {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** The body as JSON; a {@link ControlException} 400 when it is not a JSON object. Empty body = empty object. */
    public JsonNode jsonObject() throws IOException {
        String text = bodyText();
        if (text.isBlank()) {
            return Json.object();
        }
        JsonNode node = Json.parseOrNull(text);
        if (node == null || !node.isObject()) {
            throw new ControlException(400, "the body must be a JSON object");
        }
        return node;
    }

    /** The body of a WeChat API call as a JSON object: {@link WeChatError} 44002 when empty, 47001 when not JSON. */
    public JsonNode wechatJsonObject() throws IOException {
        String text = bodyText();
        if (text.isBlank()) {
            throw WeChatError.of(44002);
        }
        JsonNode node = Json.parseOrNull(text);
        if (node == null || !node.isObject()) {
            throw WeChatError.of(47001);
        }
        return node;
    }

    public void setHeader(String name, String value) {
        raw.getResponseHeaders().set(name, value);
    }

    public void addHeader(String name, String value) {
        raw.getResponseHeaders().add(name, value);
    }

    /** Runs {@code hook} once the answer is decided and before it is sent (so a log is complete when the client reads the answer). */
    public void beforeSend(Runnable hook) {
        this.beforeSend = hook;
    }

    /** The answer's body is to stall this long after its first half (the {@code stall_body} fault). */
    public void stallBody(Duration stall) {
        this.bodyStall = stall;
    }

    public void respond(int status, String contentType, byte[] content) throws IOException {
        this.status = status;
        if (beforeSend != null) {
            Runnable hook = beforeSend;
            beforeSend = null;
            hook.run();
        }
        if (contentType != null) {
            raw.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean head = "HEAD".equals(method());
        raw.sendResponseHeaders(status, head || content.length == 0 ? -1 : content.length);
        if (!head && content.length > 0) {
            try (OutputStream out = raw.getResponseBody()) {
                if (bodyStall == null) {
                    out.write(content);
                } else {
                    int half = content.length / 2;
                    out.write(content, 0, half);
                    out.flush();
                    try {
                        Thread.sleep(bodyStall.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while stalling the body", e);
                    }
                    out.write(content, half, content.length - half);
                }
            }
        }
        raw.close();
    }

    public void text(int status, String contentType, String content) throws IOException {
        responseText = content;
        respond(status, contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON answer with WeChat's content type. */
    public void json(int status, Object value) throws IOException {
        text(status, JSON_TYPE, Json.write(value));
    }

    /**
     * A WeChat error in the wire format of docs/PROTOCOL.md#error-wire-format: HTTP 200, errmsg ending with a request
     * id.
     */
    public void wechatError(WeChatError error) throws IOException {
        var node = Json.object();
        node.put("errcode", error.errcode());
        node.put("errmsg", error.errmsg() + " rid: " + requestId());
        json(200, node);
    }

    public void redirect(String location) throws IOException {
        setHeader("Location", location);
        respond(302, null, new byte[0]);
    }

    public int status() {
        return status;
    }

    /** The text of the response as sent (empty for binary answers). */
    public String responseText() {
        return responseText;
    }

    static String requestId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        String hex = HexFormat.of().formatHex(b);
        return hex.substring(0, 8) + "-" + hex.substring(8, 16) + "-" + hex.substring(16, 24);
    }
}
