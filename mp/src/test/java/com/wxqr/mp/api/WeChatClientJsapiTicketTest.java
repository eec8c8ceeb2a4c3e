package com.wxqr.mp.api;

import static com.wxqr.mp.api.WeChatClientTest.APP_ID;
import static com.wxqr.mp.api.WeChatClientTest.NOW;
import static com.wxqr.mp.api.WeChatClientTest.TOKEN;
import static com.wxqr.mp.api.WeChatClientTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.mp.token.AccessToken;
import com.wxqr.mp.token.InMemoryAccessTokenStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The jsapi_ticket over real HTTP (docs/PROTOCOL.md#js-sdk-tickets). */
class WeChatClientJsapiTicketTest {

    private static final String TICKET = "JSAPI-TICKET-ONE-0123456789abcdefghij";

    @RegisterExtension
    final MockWeChat wechat = new MockWeChat();

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = wechat.server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    private static String ticketAnswer(String ticket) {
        return "{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"" + ticket + "\",\"expires_in\":7200}";
    }

    @Test
    void theTicketIsFetchedWithTheTokenOnceAndThenCached() throws Exception {
        wechat.enqueueToken(json(ticketAnswer(TICKET)));

        AccessToken first = wechat.client.jsapiTicket();
        AccessToken second = wechat.client.jsapiTicket();

        assertThat(first.value()).isEqualTo(TICKET);
        assertThat(first.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(second).isEqualTo(first);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/cgi-bin/token");
        RecordedRequest getTicket = take();
        assertThat(getTicket.getUrl().encodedPath()).isEqualTo("/cgi-bin/ticket/getticket");
        assertThat(getTicket.getUrl().queryParameter("type")).isEqualTo("jsapi");
        assertThat(getTicket.getUrl().queryParameter("access_token")).isEqualTo(TOKEN);
        assertThat(wechat.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRejectedTokenIsRenewedAndTheTicketCallRepeatedOnce() throws Exception {
        wechat.enqueueToken(json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        wechat.server.enqueue(json("{\"access_token\":\"SECOND-TOKEN-0123456789abcdef\",\"expires_in\":7200}"));
        wechat.server.enqueue(json(ticketAnswer(TICKET)));

        assertThat(wechat.client.jsapiTicket().value()).isEqualTo(TICKET);
        take();
        take();
        take();
        assertThat(take().getUrl().queryParameter("access_token")).isEqualTo("SECOND-TOKEN-0123456789abcdef");
    }

    @Test
    void twoClientsOnOneStoreShareTheTicketAndTheToken() throws Exception {
        InMemoryAccessTokenStore store =
                new InMemoryAccessTokenStore(Clock.fixed(NOW, ZoneOffset.UTC), AccessToken.DEFAULT_REFRESH_MARGIN);
        WeChatClient one = wechat.client(b -> b.tokenStore(store));
        WeChatClient two = wechat.client(b -> b.tokenStore(store));
        wechat.enqueueToken(json(ticketAnswer(TICKET)));

        assertThat(one.jsapiTicket().value()).isEqualTo(TICKET);
        assertThat(two.jsapiTicket().value()).isEqualTo(TICKET);
        assertThat(store.get(WeChatClient.jsapiTicketKey(APP_ID)))
                .map(AccessToken::value)
                .contains(TICKET);
        assertThat(wechat.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRefusalReachesTheCaller() {
        wechat.enqueueToken(json("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}"));

        assertThatThrownBy(() -> wechat.client.jsapiTicket())
                .isInstanceOf(WeChatApiException.class)
                .hasMessageContaining("45009");
    }
}
