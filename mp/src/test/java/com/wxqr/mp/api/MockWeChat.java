package com.wxqr.mp.api;

import static com.wxqr.mp.api.WeChatClientTest.clientFor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * WeChat's hosts (api, mp, open) played by one {@link MockWebServer} on loopback, and a
 * {@link WeChatClient} pointed at it ({@link WeChatClientTest#clientFor}); both are made with the
 * test instance and closed after each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * final MockWeChat wechat = new MockWeChat();
 * }</pre>
 */
final class MockWeChat implements AfterEachCallback {

    final MockWebServer server = new MockWebServer();
    final WeChatClient client;

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

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        server.close();
    }
}
