package com.wxqr.emulator.jssdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.emulator.EmulatorClock;
import com.wxqr.emulator.accounts.DailyQuotas;
import com.wxqr.emulator.http.WeChatError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The ticket rules and the wx.config check (docs/PROTOCOL.md#js-sdk-tickets, docs/PROTOCOL.md#js-sdk-signature). */
class JsApiTicketsTest {

    private static final String APP = "wx1111111111111111";
    private final EmulatorClock clock =
            new EmulatorClock(Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC));
    private final JsApiTickets tickets = new JsApiTickets(null, new DailyQuotas(clock), clock, 2);

    @Test
    void theSignatureMatchesTheOfficialExampleOfAppendix1() {
        assertThat(JsApiTickets.signature(
                        "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
                        "Wm3WZYTPz0wzccnW",
                        1414587457L,
                        "http://mp.weixin.qq.com?params=value"))
                .isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    }

    @Test
    void aConfigSignedForThePageIsValidAndOneSignedWithTheFragmentIsNot() throws Exception {
        String ticket = tickets.issue(APP);
        String page = "http://localhost:8080/q/abc?from=singlemessage";
        long ts = clock.instant().getEpochSecond();
        String good = JsApiTickets.signature(ticket, "nonce123", ts, page);
        // what a page gets wrong when it signs location.href with its #fragment
        String withFragment =
                sha1("jsapi_ticket=" + ticket + "&noncestr=nonce123&timestamp=" + ts + "&url=" + page + "#share");

        assertThat(tickets.check(APP, "nonce123", ts, good, page + "#top")).isEqualTo("config:ok");
        assertThat(tickets.check(APP, "nonce123", ts, withFragment, page + "#share"))
                .isEqualTo("config:invalid signature");
        assertThat(tickets.check(APP, "nonce124", ts, good, page)).isEqualTo("config:invalid signature");
        assertThat(tickets.check("wx2222222222222222", "nonce123", ts, good, page))
                .isEqualTo("config:invalid signature");
        assertThat(tickets.check(APP, "nonce123", ts, good, "http://localhost:8080/q/abc"))
                .isEqualTo("config:invalid signature");
    }

    @Test
    void aTicketLives7200Seconds() {
        String ticket = tickets.issue(APP);
        String page = "http://localhost/q/x";
        String sig = JsApiTickets.signature(ticket, "n", 1, page);
        clock.advance(Duration.ofSeconds(7199));
        assertThat(tickets.check(APP, "n", 1, sig, page)).isEqualTo("config:ok");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tickets.check(APP, "n", 1, sig, page)).isEqualTo("config:invalid signature");
    }

    @Test
    void theDailyLimitAnswers45009UntilTheNextDay() {
        tickets.issue(APP);
        tickets.issue(APP);
        assertThatThrownBy(() -> tickets.issue(APP))
                .isInstanceOf(WeChatError.class)
                .hasMessageContaining("45009");
        clock.advance(Duration.ofDays(1));
        assertThat(tickets.issue(APP)).hasSize(86);
    }

    private static String sha1(String plain) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1").digest(plain.getBytes(StandardCharsets.UTF_8)));
    }
}
