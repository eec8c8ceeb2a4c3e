package com.wxqr.mp.api;

import static com.wxqr.mp.api.WeChatClientTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.mp.token.ForceRefreshBudget;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stable tokens (docs/PROTOCOL.md#stable-access-tokens): a refresh is forced only when WeChat refused
 * the token and a normal {@code stable_token} call hands the same one back, and only within the budget.
 */
class WeChatClientStableTokenTest {
    private static final String T1 = "STABLE-TOKEN-ONE-0123456789abcdefghij";
    private static final String T2 = "STABLE-TOKEN-TWO-0123456789abcdefghij";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Says yes while {@code allow} is true, and records every question. */
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private volatile boolean allow = true;
    private final ForceRefreshBudget budget = (appId, now) -> {
        asked.add(appId);
        return allow;
    };

    @RegisterExtension
    final MockWeChat wechat = new MockWeChat(b -> b.stableToken(true).forceRefreshBudget(budget));

    private static String tokenAnswer(String token) {
        return "{\"access_token\":\"" + token + "\",\"expires_in\":7200}";
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = wechat.server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    private boolean forced(RecordedRequest tokenRequest) {
        assertThat(tokenRequest.getUrl().encodedPath()).isEqualTo("/cgi-bin/stable_token");
        return JSON.readTree(tokenRequest.getBody().utf8()).get("force_refresh").asBoolean();
    }

    @Test
    void aRefusedTokenThatStableTokenHandsBackIsForcedOnceAndTheCallRepeated() throws Exception {
        wechat.server.enqueue(json(tokenAnswer(T1)));
        wechat.server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        wechat.server.enqueue(json(tokenAnswer(T1))); // the normal call: still T1
        wechat.server.enqueue(json(tokenAnswer(T2))); // the forced one
        wechat.server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        wechat.client.sendText("OPENID", "hi");

        assertThat(forced(take())).isFalse();
        assertThat(take().getUrl().queryParameter("access_token")).isEqualTo(T1);
        assertThat(forced(take())).isFalse();
        assertThat(forced(take())).isTrue();
        assertThat(take().getUrl().queryParameter("access_token")).isEqualTo(T2);
        assertThat(asked).containsExactly(WeChatClientTest.APP_ID);
    }

    @Test
    void aRefusedTokenReplacedByANormalCallForcesNothing() throws Exception {
        wechat.server.enqueue(json(tokenAnswer(T1)));
        wechat.server.enqueue(json("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}"));
        wechat.server.enqueue(json(tokenAnswer(T2)));
        wechat.server.enqueue(json("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        wechat.client.sendText("OPENID", "hi");

        assertThat(forced(take())).isFalse();
        take();
        assertThat(forced(take())).isFalse();
        assertThat(take().getUrl().queryParameter("access_token")).isEqualTo(T2);
        assertThat(asked).isEmpty();
        assertThat(wechat.server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void withoutBudgetTheRefusedTokenIsKeptAndTheRefusalReachesTheCaller() throws Exception {
        allow = false;
        wechat.server.enqueue(json(tokenAnswer(T1)));
        wechat.server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        wechat.server.enqueue(json(tokenAnswer(T1)));
        wechat.server.enqueue(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));

        assertThatThrownBy(() -> wechat.client.sendText("OPENID", "hi")).isInstanceOf(InvalidTokenException.class);

        assertThat(forced(take())).isFalse();
        take();
        assertThat(forced(take())).isFalse();
        assertThat(take().getUrl().queryParameter("access_token")).isEqualTo(T1);
        assertThat(asked).hasSize(1);
        assertThat(wechat.server.getRequestCount()).isEqualTo(4);
    }
}
