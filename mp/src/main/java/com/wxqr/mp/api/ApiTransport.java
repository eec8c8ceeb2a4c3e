package com.wxqr.mp.api;

import com.wxqr.mp.token.AccessToken;
import com.wxqr.mp.token.AccessTokenManager;
import com.wxqr.mp.token.AccessTokenUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP machinery behind {@link WeChatClient}'s endpoints: builds and sends requests to the API
 * host, caps the exchanges in flight, retries (a rejected access_token once, busy answers with
 * backoff), decodes the JSON answer and maps errors to {@link WeChatApiException} or
 * {@link WeChatTransportException}, and tells the {@link EventListener} about each call.
 *
 * <p>Each call runs under one {@link Deadline}, {@code callTimeout} from its start: waiting for a
 * connection slot, connecting, sending, the headers <em>and the body</em> of the answer, retries and
 * the pauses between them. (java.net.http's own request timeout stops at the headers, so a server
 * that sends headers and then stalls the body would otherwise hold the caller forever.) A call
 * nested in another on the same thread (the token fetch inside an API call) keeps the earlier of
 * the two deadlines.
 *
 * <p>Thread-safe. Secrets (the AppSecret, tokens and codes passed as {@code secrets}) are masked in
 * every message it builds; logs name methods and paths only.
 */
final class ApiTransport {

    /** One request to the API host, without the access_token (added per attempt). */
    record Request(String method, String path, Map<String, String> query, ObjectNode body) {

        static Request get(String path, Map<String, String> query) {
            return new Request("GET", path, query, null);
        }

        static Request post(String path, ObjectNode body) {
            return new Request("POST", path, Map.of(), body);
        }

        Request withQueryFirst(String name, String value) {
            Map<String, String> withParameter = new LinkedHashMap<>();
            withParameter.put(name, value);
            withParameter.putAll(query);
            return new Request(method, path, withParameter, body);
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Logger log = LoggerFactory.getLogger(ApiTransport.class);
    private static final int SNIPPET_LENGTH = 80;

    private final String apiBase;
    private final String appSecret;
    private final HttpClient http;
    private final Duration callTimeout;
    /** Caps the exchanges in flight: java.net.http opens one HTTP/1.1 connection per concurrent request. */
    private final Semaphore inFlight;

    private final int maxConcurrentRequests;
    private final BusyRetry busyRetry;
    private final EventListener listener;
    /** The deadline of the call running on this thread, if any. */
    private static final ThreadLocal<Deadline> DEADLINE = new ThreadLocal<>();

    /**
     * The transport of a client with this API host and AppSecret (both checked by the client), taking
     * its HTTP settings from the client's builder: the connect and call timeouts, the HTTP client
     * (default HTTP/1.1 with the connect timeout), the cap on exchanges in flight, the busy retries
     * and the event listener. Checks them in that order.
     *
     * @throws IllegalArgumentException naming the first bad setting
     */
    ApiTransport(String apiBase, String appSecret, WeChatClient.Builder settings) {
        this.apiBase = apiBase;
        this.appSecret = appSecret;
        Duration connectTimeout = WeChatClient.positive(settings.connectTimeout, "connectTimeout");
        this.callTimeout = WeChatClient.positive(settings.callTimeout, "callTimeout");
        if (settings.maxConcurrentRequests < 1) {
            throw new IllegalArgumentException(
                    "maxConcurrentRequests must be at least 1, not " + settings.maxConcurrentRequests);
        }
        this.maxConcurrentRequests = settings.maxConcurrentRequests;
        this.inFlight = new Semaphore(maxConcurrentRequests, true);
        this.http = settings.httpClient != null
                ? settings.httpClient
                : HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(connectTimeout)
                        .build();
        this.busyRetry =
                new BusyRetry(settings.busyAttempts, settings.busyBaseDelay, settings.busyMaxDelay, settings.sleeper);
        this.listener = Objects.requireNonNull(settings.eventListener, "eventListener");
    }

    /** The deadline of each call, measured from its start. */
    Duration callTimeout() {
        return callTimeout;
    }

    /**
     * A call that carries the account's access_token: repeated once with a new token if WeChat
     * rejects it, and retried with backoff on -1. {@code decode} reads the successful answer.
     */
    <T> T withToken(AccessTokenManager tokens, Request request, Function<JsonNode, T> decode) {
        return observed(request.path(), () -> {
            boolean tokenRenewed = false;
            for (int busyFailures = 0; ; ) {
                AccessToken token = token(tokens);
                try {
                    return decode.apply(exchange(request.withQueryFirst("access_token", token.value()), token.value()));
                } catch (InvalidTokenException rejected) {
                    if (tokenRenewed) {
                        throw rejected;
                    }
                    tokenRenewed = true;
                    log.warn(
                            "{} rejected the access token (errcode {}); retrying once with a new token",
                            request.path(),
                            rejected.errcode());
                    tokens.invalidate(token);
                } catch (SystemBusyException busy) {
                    busyRetry.pauseAfter(++busyFailures, busy, request.path(), DEADLINE.get());
                }
            }
        });
    }

    /**
     * The current access_token; a failure that is not WeChat's own (another caller's fetch still
     * running past the wait, the token store failing) becomes a {@link WeChatTransportException}
     * naming its type, so callers still need only one {@code catch}.
     */
    static AccessToken token(AccessTokenManager tokens) {
        try {
            return tokens.current();
        } catch (WeChatException e) {
            throw e;
        } catch (AccessTokenUnavailableException e) {
            throw new WeChatTransportException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new WeChatTransportException(
                    "no access token: the token store failed with "
                            + e.getClass().getName(),
                    e);
        }
    }

    /**
     * A call without the account's access_token, retried with backoff on -1 when {@code retryBusy}.
     * {@code secrets} (besides the AppSecret) are masked in messages.
     */
    <T> T call(Request request, boolean retryBusy, Function<JsonNode, T> decode, String... secrets) {
        Supplier<T> attempt = () -> decode.apply(exchange(request, secrets));
        return observed(
                request.path(), retryBusy ? () -> busyRetry.call(request.path(), DEADLINE.get(), attempt) : attempt);
    }

    /**
     * Runs one call to {@code path} under its deadline, telling the listener when it starts and how
     * it ended.
     */
    private <T> T observed(String path, Supplier<T> call) {
        String endpoint = endpoint(path);
        notify(() -> listener.callStart(endpoint));
        long started = System.nanoTime();
        Deadline outer = DEADLINE.get();
        Deadline own = Deadline.after(callTimeout);
        DEADLINE.set(outer == null ? own : outer.min(own));
        T result;
        try {
            result = call.get();
        } catch (WeChatException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            notify(() -> listener.callFailed(endpoint, took, e));
            throw e;
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        notify(() -> listener.callEnd(endpoint, took));
        return result;
    }

    private static void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            log.warn("The event listener failed; the call goes on", e);
        }
    }

    /** {@code /cgi-bin/qrcode/create} → {@code qrcode/create}; {@code /sns/userinfo} → {@code sns/userinfo}. */
    static String endpoint(String path) {
        return path.startsWith("/cgi-bin/") ? path.substring("/cgi-bin/".length()) : path.substring(1);
    }

    /**
     * One HTTP exchange with the API host, over by the call's deadline: 200 and a JSON object whose
     * errcode is absent or 0, or an exception.
     */
    private JsonNode exchange(Request call, String... secrets) {
        String method = call.method();
        String path = call.path();
        Deadline due = DEADLINE.get();
        StringBuilder uri = new StringBuilder(apiBase).append(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : call.query().entrySet()) {
            uri.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(uri.toString())).header("Accept", "application/json");
        if (call.body() != null) {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(call.body())));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            if (!inFlight.tryAcquire(Math.max(due.remaining().toNanos(), 0), TimeUnit.NANOSECONDS)) {
                throw new WeChatTransportException(method + " " + path + " waited the whole call timeout of "
                        + due.timeout() + " for one of the " + maxConcurrentRequests + " concurrent requests allowed");
            }
            try {
                response = send(request, due);
            } finally {
                inFlight.release();
            }
        } catch (HttpConnectTimeoutException e) {
            throw new WeChatTransportException(
                    method + " " + path + " could not connect within the connect timeout", e);
        } catch (HttpTimeoutException e) {
            throw new WeChatTransportException(
                    method + " " + path + " did not complete within the call timeout of " + due.timeout(), e);
        } catch (IOException e) {
            throw new WeChatTransportException(
                    method + " " + path + " failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() != null ? " " + redact(e.getMessage(), secrets) : ""),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatTransportException(method + " " + path + " was interrupted", e);
        }
        log.debug(
                "{} {} -> HTTP {} in {} ms",
                method,
                path,
                response.statusCode(),
                (System.nanoTime() - started) / 1_000_000);
        return decode(method, path, response.statusCode(), response.body(), secrets);
    }

    /**
     * Sends and reads the whole answer, headers and body, before {@code due}; gives up (aborting the
     * exchange) with an {@link HttpTimeoutException} when it passes.
     */
    private HttpResponse<byte[]> send(HttpRequest.Builder request, Deadline due)
            throws IOException, InterruptedException {
        Duration left = due.remaining();
        if (left.isNegative() || left.isZero()) {
            throw new HttpTimeoutException("no time left");
        }
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(request.timeout(left).build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            return exchange.get(Math.max(due.remaining().toNanos(), 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("the answer was not complete in time");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    private JsonNode decode(String method, String path, int status, byte[] body, String[] secrets) {
        if (status != 200) {
            throw new WeChatTransportException(method + " " + path + " answered HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new WeChatTransportException(
                    method + " " + path + " answered a body that is not JSON: " + snippet(body, secrets), e);
        }
        if (answer == null || !answer.isObject()) {
            throw new WeChatTransportException(
                    method + " " + path + " answered JSON that is not an object: " + snippet(body, secrets));
        }
        JsonNode errcode = answer.get("errcode");
        if (errcode != null && !errcode.isNull() && errcode.asInt(0) != 0) {
            throw WeChatApiException.of(
                    path, errcode.asInt(0), redact(answer.path("errmsg").asString(""), secrets));
        }
        return answer;
    }

    private String snippet(byte[] body, String[] secrets) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.length() > SNIPPET_LENGTH) {
            text = text.substring(0, SNIPPET_LENGTH) + "…";
        }
        return "'" + redact(text, secrets) + "'";
    }

    private String redact(String text, String[] secrets) {
        String result = text.replace(appSecret, "****");
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }

    // --- decoding answers, shared with the endpoints ---

    /** The text of a scalar field, or null when absent, null or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asString();
        return text.isBlank() ? null : text;
    }

    /** The text of a field the API promises; its absence is a transport failure (not the answer promised). */
    static String requiredText(JsonNode node, String field, String path) {
        String value = text(node, field);
        if (value == null) {
            throw new WeChatTransportException(path + " answered without " + field);
        }
        return value;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
