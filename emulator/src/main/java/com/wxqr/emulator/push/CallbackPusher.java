package com.wxqr.emulator.push;

import com.wxqr.emulator.CallRecord;
import com.wxqr.emulator.EmulatorSettings;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.PushAttempt;
import com.wxqr.emulator.UrlVerification;
import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.calls.CallLog;
import com.wxqr.emulator.faults.Faults;
import com.wxqr.emulator.http.RandomIds;
import com.wxqr.mp.Article;
import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.CallbackRejectedException;
import com.wxqr.mp.callback.MessageMode;
import com.wxqr.mp.callback.ParsedReply;
import com.wxqr.mp.callback.Push;
import com.wxqr.mp.callback.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends pushes and URL verifications to accounts' callback URLs as WeChat does, and judges the answers
 * as WeChat does (docs/PROTOCOL.md#push-retries-and-dedupe): {@code success} or an empty body is accepted; otherwise
 * the body must be a text or news reply addressed to the user from the account, encrypted and signed in safe mode.
 * Signatures, envelopes and encryption come from the mp library's {@link CallbackCodec}.
 */
public final class CallbackPusher {

    /** What came of one push. */
    public record Result(List<PushAttempt> attempts, Outcome outcome, ParsedReply reply, String detail) {}

    /** How a push ended. */
    public enum Outcome {
        /** no callback URL configured: nothing was sent */
        NO_CALLBACK,
        /** {@code success} or empty */
        ACCEPTED,
        /** a valid passive reply */
        REPLIED,
        /** no valid answer after every delivery, or a bad answer: WeChat shows its notice */
        FAILED
    }

    private final EmulatorSettings settings;
    private final Clock clock;
    private final Faults faults;
    private final CallLog calls;
    private final HttpClient http;

    public CallbackPusher(EmulatorSettings settings, Clock clock, Faults faults, CallLog calls, HttpClient http) {
        this.settings = settings;
        this.clock = clock;
        this.faults = faults;
        this.calls = calls;
        this.http = http;
    }

    /**
     * The server-URL verification GET (docs/PROTOCOL.md#server-url-verification): passes when the body is exactly the
     * echostr.
     */
    public UrlVerification verify(Account account) {
        NewAccount c = account.settings();
        if (c.callbackUrl() == null) {
            return new UrlVerification(false, false, 0, "no callback URL");
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = RandomIds.digits(10);
        String echostr = RandomIds.digits(19);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("signature", com.wxqr.mp.crypto.Signatures.sign(c.token(), timestamp, nonce));
        query.put("echostr", echostr);
        query.put("timestamp", timestamp);
        query.put("nonce", nonce);
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(withQuery(c.callbackUrl(), query))
                .GET()
                .timeout(settings.pushTimeout())
                .build();
        try {
            HttpResponse<String> response = send(request);
            long millis = millisSince(start);
            logSent(account, "verify", "GET", c.callbackUrl(), query, null, response, millis, null);
            if (response.statusCode() != 200) {
                return new UrlVerification(true, false, response.statusCode(), "HTTP " + response.statusCode());
            }
            if (!echostr.equals(response.body())) {
                return new UrlVerification(true, false, 200, "the body is not the echostr");
            }
            return new UrlVerification(true, true, 200, "ok");
        } catch (TimeoutException e) {
            logSent(account, "verify", "GET", c.callbackUrl(), query, null, null, millisSince(start), null);
            return new UrlVerification(
                    true, false, 0, "no answer within " + settings.pushTimeout().toMillis() + " ms");
        } catch (IOException e) {
            logSent(account, "verify", "GET", c.callbackUrl(), query, null, null, millisSince(start), null);
            return new UrlVerification(true, false, 0, "connection failed: " + e.getMessage());
        }
    }

    /**
     * Delivers one push, retrying as WeChat does, and judges the answer.
     *
     * @param plainXml           the push as plaintext XML
     * @param openid             the user the push comes from
     * @param articleLimit       news articles the user will see at most (1 after a text message, else 8)
     */
    public Result deliver(Account account, String plainXml, String openid, int articleLimit) {
        NewAccount c = account.settings();
        if (c.callbackUrl() == null) {
            return new Result(List.of(), Outcome.NO_CALLBACK, null, "the account has no callback URL");
        }
        MessageMode mode = MessageMode.valueOf(c.mode().toUpperCase(Locale.ROOT));
        String key = c.encodingAesKey();
        if (mode != MessageMode.PLAIN
                && account.previousEncodingAesKey() != null
                && faults.usePreviousKey(account.appId())) {
            key = account.previousEncodingAesKey(); // a push still sealed with the key before the change
        }
        CallbackCodec codec = codec(account, c.token(), key);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = RandomIds.digits(10);
        List<PushAttempt> attempts = new ArrayList<>();
        String lastProblem = null;
        String queryOpenid = mode == MessageMode.PLAIN && !settings.openidInPlainQuery() ? null : openid;
        // A retry resends the same request (same timestamp, nonce and ciphertext) unless set otherwise.
        Push push = codec.encodePush(plainXml, mode, timestamp, nonce, queryOpenid);
        for (int n = 1; n <= settings.pushDeliveries(); n++) {
            if (n > 1 && !settings.reuseTimestampNonce()) {
                timestamp = Long.toString(clock.instant().getEpochSecond());
                nonce = RandomIds.digits(10);
                push = codec.encodePush(plainXml, mode, timestamp, nonce, queryOpenid);
            }
            HttpRequest request = HttpRequest.newBuilder(withQuery(c.callbackUrl(), push.query()))
                    .header("Content-Type", settings.pushContentType())
                    .header("User-Agent", "Mozilla/4.0")
                    .timeout(settings.pushTimeout())
                    .POST(HttpRequest.BodyPublishers.ofString(push.body(), StandardCharsets.UTF_8))
                    .build();
            long start = System.nanoTime();
            Faults.PushAnswerFault fault = faults.pushAnswerFault(account.appId());
            try {
                HttpResponse<String> response = send(request);
                long millis = millisSince(start);
                String result;
                if (fault != null && fault.drop()) {
                    result = "dropped";
                } else if (fault != null
                        && millis + fault.delay().toMillis()
                                >= settings.pushTimeout().toMillis()) {
                    sleep(settings.pushTimeout().toMillis() - millis);
                    millis = settings.pushTimeout().toMillis();
                    result = "timeout";
                } else if (response.statusCode() != 200) {
                    result = "http_error";
                } else {
                    if (fault != null) {
                        sleep(fault.delay().toMillis());
                        millis += fault.delay().toMillis();
                    }
                    result = "answered";
                }
                logSent(account, "push", "POST", c.callbackUrl(), push.query(), push.body(), response, millis, n);
                attempts.add(new PushAttempt(n, response.statusCode(), millis, result));
                if (result.equals("answered")) {
                    return judge(codec, mode, account, openid, response.body(), articleLimit, attempts);
                }
                lastProblem = switch (result) {
                    case "dropped" -> "the answer was lost (fault)";
                    case "timeout" ->
                        "no answer within " + settings.pushTimeout().toMillis() + " ms";
                    default -> "HTTP " + response.statusCode();
                };
            } catch (TimeoutException e) {
                long millis = millisSince(start);
                logSent(account, "push", "POST", c.callbackUrl(), push.query(), push.body(), null, millis, n);
                attempts.add(new PushAttempt(n, 0, millis, "timeout"));
                lastProblem = "no answer within " + settings.pushTimeout().toMillis() + " ms";
            } catch (IOException e) {
                long millis = millisSince(start);
                logSent(account, "push", "POST", c.callbackUrl(), push.query(), push.body(), null, millis, n);
                attempts.add(new PushAttempt(n, 0, millis, "connection_failed"));
                lastProblem = "connection failed: " + e.getMessage();
            }
        }
        return new Result(List.copyOf(attempts), Outcome.FAILED, null, lastProblem);
    }

    private Result judge(
            CallbackCodec codec,
            MessageMode mode,
            Account account,
            String openid,
            String body,
            int articleLimit,
            List<PushAttempt> attempts) {
        List<PushAttempt> done = List.copyOf(attempts);
        if (body.isEmpty() || body.strip().equals("success")) {
            return new Result(done, Outcome.ACCEPTED, null, null);
        }
        String trimmed = body.strip();
        boolean envelope = trimmed.startsWith("<") && trimmed.contains("<Encrypt>");
        if (mode == MessageMode.SAFE && !envelope) {
            return new Result(done, Outcome.FAILED, null, "safe mode: the reply is not an encrypted envelope");
        }
        if (mode == MessageMode.PLAIN && envelope) {
            return new Result(done, Outcome.FAILED, null, "plaintext mode: the reply must not be encrypted");
        }
        ParsedReply parsed;
        try {
            parsed = Reply.parse(envelope ? codec.openReply(body) : body);
        } catch (CallbackRejectedException | IllegalArgumentException e) {
            return new Result(done, Outcome.FAILED, null, "bad reply: " + e.getMessage());
        }
        if (!openid.equals(parsed.toUser())) {
            return new Result(done, Outcome.FAILED, null, "ToUserName is not the user's openid");
        }
        if (!account.settings().originalId().equals(parsed.fromUser())) {
            return new Result(done, Outcome.FAILED, null, "FromUserName is not the account's original ID");
        }
        if (parsed.reply() instanceof Reply.News news && news.articles().size() > articleLimit) {
            // "如果图文数超过限制，则将只发限制内的条数"
            List<Article> kept = news.articles().subList(0, articleLimit);
            parsed = new ParsedReply(
                    parsed.toUser(), parsed.fromUser(), parsed.createTime(), Reply.news(kept.toArray(Article[]::new)));
        }
        return new Result(done, Outcome.REPLIED, parsed, null);
    }

    private static CallbackCodec codec(Account account, String token, String encodingAesKey) {
        CallbackCodec.Builder b = CallbackCodec.builder().token(token).appId(account.appId());
        if (encodingAesKey != null) {
            b.encodingAesKey(encodingAesKey);
        }
        return b.build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, TimeoutException {
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return future.get(settings.pushTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new TimeoutException(cause.getMessage());
            }
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        }
    }

    /** Logs a request sent to the developer's server; {@code response} is null when none came. */
    private void logSent(
            Account account,
            String kind,
            String method,
            String url,
            Map<String, String> query,
            String body,
            HttpResponse<String> response,
            long millis,
            Integer attempt) {
        calls.add(seq -> new CallRecord(
                seq,
                clock.instant(),
                kind,
                method,
                stripQuery(url),
                query,
                body,
                response == null ? 0 : response.statusCode(),
                null,
                response == null ? null : response.body(),
                millis,
                account.appId(),
                attempt));
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static URI withQuery(String url, Map<String, String> query) {
        StringBuilder sb = new StringBuilder(url);
        char sep = url.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            sb.append(sep)
                    .append(e.getKey())
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return URI.create(sb.toString());
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
