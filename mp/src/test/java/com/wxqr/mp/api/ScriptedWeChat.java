package com.wxqr.mp.api;

import static com.wxqr.mp.api.WeChatClientTest.json;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A tiny stateful WeChat on loopback for the token tests: {@code /cgi-bin/token} issues numbered
 * tokens (slowly, so concurrent callers pile up), every other path accepts only tokens still valid
 * and answers 40001 otherwise.
 */
final class ScriptedWeChat implements AutoCloseable {

    final MockWebServer server = new MockWebServer();
    final AtomicInteger tokenFetches = new AtomicInteger();
    final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    final List<String> tokensUsed = new CopyOnWriteArrayList<>();
    volatile long tokenDelayMillis = 0;
    volatile long expiresIn = 7200;
    volatile long callDelayMillis = 0;
    final AtomicInteger callsInFlight = new AtomicInteger();
    final AtomicInteger mostCallsInFlight = new AtomicInteger();

    ScriptedWeChat() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String path = request.getUrl().encodedPath();
                if (path.equals("/cgi-bin/token")) {
                    int n = tokenFetches.incrementAndGet();
                    Thread.sleep(tokenDelayMillis);
                    String token = token(n);
                    validTokens.add(token);
                    return json("{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + "}");
                }
                String token = request.getUrl().queryParameter("access_token");
                tokensUsed.add(String.valueOf(token));
                mostCallsInFlight.accumulateAndGet(callsInFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(callDelayMillis);
                } finally {
                    callsInFlight.decrementAndGet();
                }
                if (!validTokens.contains(token)) {
                    return json(
                            "{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not latest\"}");
                }
                return json("{\"errcode\":0,\"errmsg\":\"ok\"}");
            }
        });
        server.start();
    }

    static String token(int n) {
        return "SCRIPTED-ACCESS-TOKEN-" + n + "-0123456789abcdef";
    }

    URI baseUrl() {
        return server.url("/").uri();
    }

    @Override
    public void close() {
        server.close();
    }
}
