package com.wxqr.mp.api;

import static com.wxqr.mp.api.WeChatClientTest.APP_ID;
import static com.wxqr.mp.api.WeChatClientTest.SECRET;
import static com.wxqr.mp.api.WeChatClientTest.TOKEN;
import static com.wxqr.mp.api.WeChatClientTest.clientFor;
import static com.wxqr.mp.api.WeChatClientTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three kinds of failure: WeChat said no, no usable answer, caller mistake; and that none leaks a secret. */
class WeChatClientFailureTest {

    @RegisterExtension
    final MockWeChat wechat = new MockWeChat();

    private final MockWebServer server = wechat.server;
    private final WeChatClient client = wechat.client;

    /** Everything a log line of the exception could show: messages, toString and stack trace of the whole chain. */
    static String printed(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @ParameterizedTest
    @CsvSource({
        "40001, InvalidTokenException",
        "40014, InvalidTokenException",
        "42001, InvalidTokenException",
        "-1, SystemBusyException",
        "45009, RateLimitedException",
        "45011, RateLimitedException",
        "45015, OutsideWindowException",
        "45047, OutsideWindowException",
        "40003, WeChatApiException",
        "12345, WeChatApiException"
    })
    void eachCodeGetsTheTypeACallerActsOn(int errcode, String type) {
        WeChatApiException e = WeChatApiException.of("/cgi-bin/x", errcode, "msg");

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.errcode()).isEqualTo(errcode);
        assertThat(e.errmsg()).isEqualTo("msg");
        assertThat(e.getMessage()).contains("/cgi-bin/x", Integer.toString(errcode), e.meaning(), "msg");
    }

    @Test
    void oneCatchHandlesBothKindsOfFailureAndNothingElseIsOne() {
        wechat.enqueueToken(
                json("{\"errcode\":40003,\"errmsg\":\"invalid openid\"}"),
                new MockResponse.Builder().code(502).build());

        assertThat(WeChatException.class.getPermittedSubclasses())
                .containsExactlyInAnyOrder(WeChatApiException.class, WeChatTransportException.class);
        assertThat(failureOf(() -> client.userInfo("OPENID"))).isInstanceOf(WeChatApiException.class);
        assertThat(failureOf(() -> client.userInfo("OPENID"))).isInstanceOf(WeChatTransportException.class);
        assertThatThrownBy(() -> failureOf(() -> client.userInfo(" ")))
                .as("a caller mistake is not a WeChatException")
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static WeChatException failureOf(Runnable call) {
        try {
            call.run();
        } catch (WeChatException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void meaningsComeFromTheGlobalReturnCodeTable() {
        assertThat(WeChatApiException.of("/p", -1, "").meaning()).isEqualTo("系统繁忙，此时请开发者稍候再试");
        assertThat(WeChatApiException.of("/p", 42001, "").meaning()).isEqualTo("access_token 超时");
        assertThat(WeChatApiException.of("/p", 45009, "").meaning()).isEqualTo("接口调用超过限制");
        assertThat(WeChatApiException.of("/p", 99999, "").meaning()).isEqualTo(ErrorMeanings.UNKNOWN);
    }

    @Test
    void quotaErrorsAreNotRetried() {
        wechat.enqueueToken(
                json("{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit must slower retry next minute\"}"),
                json("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}"));

        assertThatThrownBy(() -> client.sendText("OPENID", "hi")).isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> client.userInfo("OPENID"))
                .isInstanceOf(RateLimitedException.class)
                .satisfies(e -> assertThat(((WeChatApiException) e).errcode()).isEqualTo(45009));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void http500IsATransportFailure() {
        wechat.enqueueToken(
                new MockResponse.Builder().code(500).body("{\"errcode\":0}").build());

        assertThatThrownBy(() -> client.userInfo("OPENID"))
                .isInstanceOf(WeChatTransportException.class)
                .hasMessage("GET /cgi-bin/user/info answered HTTP 500");
    }

    @Test
    void aBodyThatIsNotJsonIsATransportFailureQuotingItWithoutTheToken() {
        wechat.enqueueToken(new MockResponse.Builder()
                .body("<html>bad gateway for access_token=" + TOKEN + "</html>")
                .build());

        assertThatThrownBy(() -> client.sendText("OPENID", "hi"))
                .isInstanceOf(WeChatTransportException.class)
                .hasMessageContaining("POST /cgi-bin/message/custom/send answered a body that is not JSON")
                .hasMessageContaining("<html>bad gateway")
                .satisfies(e -> assertThat(printed(e)).doesNotContain(TOKEN, SECRET));
    }

    @Test
    void jsonThatIsNotAnObjectIsATransportFailure() {
        wechat.enqueueToken(json("[1,2]"));

        assertThatThrownBy(() -> client.userInfo("OPENID"))
                .isInstanceOf(WeChatTransportException.class)
                .hasMessageContaining("not an object");
    }

    @Test
    void anEmptyBodyIsATransportFailure() {
        server.enqueue(new MockResponse.Builder().body("").build());

        assertThatThrownBy(client::accessToken).isInstanceOf(WeChatTransportException.class);
    }

    @Test
    void aRefusedConnectionIsATransportFailureWrappingTheIoException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (WeChatClient unreachable =
                clientFor(URI.create("http://127.0.0.1:" + closedPort)).build()) {
            assertThatThrownBy(unreachable::accessToken)
                    .isInstanceOf(WeChatTransportException.class)
                    .hasMessageStartingWith("GET /cgi-bin/token failed: ")
                    .hasCauseInstanceOf(ConnectException.class)
                    .satisfies(e -> assertThat(printed(e)).doesNotContain(SECRET));
        }
    }

    @Test
    void aTimeoutIsATransportFailure() {
        try (WeChatClient impatient = clientFor(server.url("/").uri())
                .connectTimeout(Duration.ofMillis(300))
                .callTimeout(Duration.ofMillis(300))
                .build()) {
            server.enqueue(new MockResponse.Builder()
                    .headersDelay(1, TimeUnit.SECONDS)
                    .body("{}")
                    .build());

            assertThatThrownBy(impatient::accessToken)
                    .isInstanceOf(WeChatTransportException.class)
                    .hasCauseInstanceOf(HttpTimeoutException.class)
                    .satisfies(e -> assertThat(printed(e)).doesNotContain(SECRET));
        }
    }

    @Test
    void aDroppedConnectionIsATransportFailure() {
        wechat.enqueueToken(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        assertThatThrownBy(() -> client.sendText("OPENID", "hi"))
                .isInstanceOf(WeChatTransportException.class)
                .hasCauseInstanceOf(IOException.class)
                .hasMessageStartingWith("POST /cgi-bin/message/custom/send failed");
    }

    @Test
    void secretsEchoedByWeChatAreMaskedInApiErrors() {
        wechat.enqueueToken(json(
                "{\"errcode\":40035,\"errmsg\":\"invalid args access_token=" + TOKEN + " secret=" + SECRET + "\"}"));

        assertThatThrownBy(() -> client.userInfo("OPENID"))
                .isExactlyInstanceOf(WeChatApiException.class)
                .satisfies(e -> {
                    assertThat(printed(e)).doesNotContain(TOKEN, SECRET).contains("invalid args access_token=****");
                    assertThat(((WeChatApiException) e).errmsg()).doesNotContain(TOKEN, SECRET);
                });
    }

    @Test
    void theTokenAndClientNeverPrintTheirSecrets() {
        wechat.enqueueToken();

        assertThat(client.accessToken().toString()).doesNotContain(TOKEN);
        assertThat(client.toString()).contains(APP_ID).doesNotContain(SECRET);
    }
}
