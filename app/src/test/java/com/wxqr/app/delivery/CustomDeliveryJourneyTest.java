package com.wxqr.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wxqr.app.system.AppJourney;
import com.wxqr.emulator.ChatMessage;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.FaultSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** Plaintext pushes and customer-service delivery through the outbox, against the in-process emulator. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxqr.demo.emulator-port=0",
            "wxqr.demo.encryption-mode=plain",
            "wxqr.delivery.mode=custom",
            "wxqr.delivery.first-backoff=200ms",
            "wxqr.delivery.poll-interval=200ms",
            "spring.datasource.url=jdbc:h2:mem:plain-custom;DB_CLOSE_DELAY=-1"
        })
class CustomDeliveryJourneyTest extends AppJourney {
    static final String SEND = "/cgi-bin/message/custom/send";

    @AfterEach
    void clearFaults() {
        wx().clearFaults();
    }

    List<ChatMessage> cards(String openid) {
        return wx().chat(openid).stream().filter(m -> "news".equals(m.type())).toList();
    }

    String awaitFinal(String id) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> List.of("delivered", "failed").contains(app().status(id)));
        return app().status(id);
    }

    @Test
    void aNewFollowerGetsTheCardAsACustomerServiceMessageRightAfterThePushIsAnswered() {
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();
        EmulatedUser user = wx().createUser(demo.appId(), "客服");

        Delivery push = wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());

        assertThat(push.event()).isEqualTo("subscribe");
        assertThat(push.outcome()).isEqualTo("accepted"); // answered with success, no WeChat call inside the push
        assertThat(awaitFinal(id)).isEqualTo("delivered");
        assertThat(cards(user.openid())).singleElement().satisfies(m -> {
            assertThat(m.via()).isEqualTo("customer_service");
            assertThat(m.articles().get(0).url()).isEqualTo(quote.get("pageUrl").asString());
        });
        assertThat(app().quote(id).get("status").get("newFollower").asBoolean()).isTrue();
    }

    @Test
    void anExistingFollowerScanningIsDeliveredToo() {
        EmulatedUser user = wx().createUser(demo.appId(), "老客户");
        wx().follow(user.openid(), null);
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();
        assertThat(wx().scanUrl(user.openid(), quote.get("qr").get("url").asString())
                        .event())
                .isEqualTo("SCAN");
        assertThat(awaitFinal(id)).isEqualTo("delivered");
        assertThat(app().quote(id).get("status").get("newFollower").asBoolean()).isFalse();
    }

    @Test
    void aBusyWeChatIsRetriedWithBackoffUntilTheCardGoesOut() {
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();
        EmulatedUser user = wx().createUser(demo.appId(), "重试");
        wx().addFault(FaultSpec.error(SEND, -1, 4)); // more than the client's own retries of one call

        wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());

        assertThat(awaitFinal(id)).isEqualTo("delivered");
        int attempts = jdbc.sql("select attempts from delivery_outbox where quote_id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
        assertThat(attempts).isGreaterThanOrEqualTo(2);
        assertThat(cards(user.openid())).hasSize(1);
    }

    @Test
    void aClosedWindowEndsInARecordedFailureShownOnThePcPageWithoutEndlessRetries() {
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();
        EmulatedUser user = wx().createUser(demo.appId(), "窗口");
        wx().addFault(FaultSpec.error(SEND, 45015, 1));

        wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());

        assertThat(awaitFinal(id)).isEqualTo("failed");
        JsonNode status = app().quote(id).get("status");
        assertThat(status.get("reason").asString()).contains("45015").contains("时限");
        assertThat(app().get("/quotes/" + id).body()).contains("发送失败").contains("45015");
        int sends = wx().calls(SEND).size();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> wx().calls(SEND).size() == sends);
        assertThat(jdbc.sql("select status from delivery_outbox where quote_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED");
    }

    @Test
    void aRetriedPushWritesOneOutboxRowAndSendsOneCard() {
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();
        EmulatedUser user = wx().createUser(demo.appId(), "重推");
        wx().addFault(FaultSpec.dropPushAnswers(1));

        Delivery push = wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());

        assertThat(push.attempts()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(awaitFinal(id)).isEqualTo("delivered");
        assertThat(jdbc.sql("select count(*) from delivery_outbox where quote_id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(cards(user.openid())).hasSize(1);
    }
}
