package com.wxqr.mp.api;

import static com.wxqr.mp.api.WeChatClientTest.TOKEN;
import static com.wxqr.mp.api.WeChatClientTest.clientFor;
import static com.wxqr.mp.api.WeChatClientTest.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * WeChat's hosts (api, mp, open) played by one {@link MockWebServer} on loopback, and a
 * {@link WeChatClient} pointed at it ({@link WeChatClientTest#clientFor}); both are made with the
 * test instance and closed after each test, as are the further clients {@link #client(UnaryOperator)}
 * builds.
 *
 * <pre>{@code
 * @RegisterExtension
 * final MockWeChat wechat = new MockWeChat();
 * }</pre>
 */
final class MockWeChat implements AfterEachCallback {

    final MockWebServer server = new MockWebServer();
    final WeChatClient client;
    private final List<WeChatClient> others = new ArrayList<>();

    MockWeChat() {
        this(builder -> builder);
    }

    /** With the client built from {@code clientFor(server)} as {@code customize} changes it. */
    MockWeChat(UnaryOperator<WeChatClient.Builder> customize) {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the mock WeChat server did not start", e);
        }
        client = customize.apply(clientFor(server.url("/").uri())).build();
    }

    /** Another client on the same server, built from {@code clientFor(server)} as {@code customize} changes it. */
    WeChatClient client(UnaryOperator<WeChatClient.Builder> customize) {
        WeChatClient other = customize.apply(clientFor(server.url("/").uri())).build();
        others.add(other);
        return other;
    }

    /**
     * Scripts a call that needs the access_token: the token fetch is answered with
     * {@link WeChatClientTest#TOKEN}, valid 7200 s, and the requests after it with {@code answers}, in order.
     */
    void enqueueToken(MockResponse... answers) {
        server.enqueue(json("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":7200}"));
        for (MockResponse answer : answers) {
            server.enqueue(answer);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        others.forEach(WeChatClient::close);
        client.close();
        server.close();
    }
}
