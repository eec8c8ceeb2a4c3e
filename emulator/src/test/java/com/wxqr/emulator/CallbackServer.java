package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.mp.Article;
import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.CallbackParams;
import com.wxqr.mp.callback.CallbackRejectedException;
import com.wxqr.mp.callback.ClickEvent;
import com.wxqr.mp.callback.InboundMessage;
import com.wxqr.mp.callback.MessageMode;
import com.wxqr.mp.callback.OpenedPush;
import com.wxqr.mp.callback.Reply;
import com.wxqr.mp.callback.ScanEvent;
import com.wxqr.mp.callback.SubscribeEvent;
import com.wxqr.mp.callback.TextMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * A real developer server on loopback for the tests: verifies, decrypts and parses pushes with the mp
 * library's {@link CallbackCodec} and answers with whatever the test scripts (by default a news card).
 */
final class CallbackServer implements AutoCloseable {

    /** One request the server received. */
    record Received(String method, Map<String, String> query, String body, OpenedPush opened, String rejection) {}

    private final HttpServer server;
    private final CallbackCodec codec;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile BiFunction<Received, Integer, String> responder = (r, n) -> defaultReply(r);
    /** Milliseconds to wait before answering the n-th push (1-based); absent = no wait. */
    volatile Map<Integer, Long> delays = Map.of();

    volatile String pageBase;

    /** The developer's server of {@code account}: its Token, AppID and EncodingAESKey. */
    CallbackServer(NewAccount account) throws IOException {
        this(account.token(), account.appId(), account.encodingAesKey());
    }

    CallbackServer(String token, String appId, String aesKey) throws IOException {
        this(token, appId, aesKey, null);
    }

    CallbackServer(String token, String appId, String aesKey, String previousAesKey) throws IOException {
        CallbackCodec.Builder b = CallbackCodec.builder().token(token).appId(appId);
        if (aesKey != null) {
            // Compatible: this receiver takes every wire format the emulator sends, plaintext included
            // (mp's default with a key would be SAFE, which refuses plaintext pushes).
            b.encodingAesKey(aesKey).messageMode(MessageMode.COMPATIBLE);
        }
        if (previousAesKey != null) {
            b.previousEncodingAesKey(previousAesKey);
        }
        this.codec = b.build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-callback");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/wechat", this::handle);
        server.start();
        pageBase = "http://localhost:" + server.getAddress().getPort();
    }

    String url() {
        return pageBase + "/wechat";
    }

    HttpServer server() {
        return server;
    }

    CallbackCodec codec() {
        return codec;
    }

    List<Received> pushes() {
        return received.stream().filter(r -> r.method.equals("POST")).toList();
    }

    /** The message of the {@code index}-th push received (0-based), which must be a {@code type}. */
    <T extends InboundMessage> T pushed(int index, Class<T> type) {
        InboundMessage message = pushes().get(index).opened().message();
        assertThat(message).as("push %d", index).isInstanceOf(type);
        return type.cast(message);
    }

    String defaultReply(Received r) {
        if (r.opened() == null) {
            return "success";
        }
        var m = r.opened().message();
        if (m instanceof SubscribeEvent e && e.fromQrCode() || m instanceof ScanEvent) {
            String scene = m.qrScene().orElseThrow();
            return codec.seal(
                    r.opened(),
                    Reply.news(new Article(
                            "您的报价 " + scene, "点击查看报价详情", pageBase + "/pic.png", pageBase + "/quote/" + scene)));
        }
        if (m instanceof TextMessage t) {
            return codec.seal(r.opened(), Reply.text("收到：" + t.content()));
        }
        if (m instanceof ClickEvent c) {
            return codec.seal(r.opened(), Reply.text("菜单：" + c.key()));
        }
        return codec.seal(r.opened(), Reply.success());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> query = Exchange.parseQuery(ex.getRequestURI().getRawQuery());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            CallbackParams params = CallbackParams.of(query::get);
            String answer;
            if (ex.getRequestMethod().equals("GET")) {
                received.add(new Received("GET", query, body, null, null));
                try {
                    answer = codec.verifyUrl(params, query.get("echostr"));
                } catch (CallbackRejectedException e) {
                    answer = "bad signature";
                }
            } else {
                OpenedPush opened = null;
                String rejection = null;
                try {
                    opened = codec.open(params, body.getBytes(StandardCharsets.UTF_8));
                } catch (CallbackRejectedException e) {
                    rejection = e.reason() + ": " + e.getMessage();
                }
                Received r = new Received("POST", query, body, opened, rejection);
                received.add(r);
                int n = pushes().size();
                Long delay = delays.get(n);
                if (delay != null) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                answer = responder.apply(r, n);
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            ex.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the emulator gave up on this delivery (timeout): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
