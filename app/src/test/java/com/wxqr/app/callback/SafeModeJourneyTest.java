package com.wxqr.app.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.AppJourney;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.emulator.ChatMessage;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.FaultSpec;
import com.wxqr.emulator.OpenResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole journey against the in-process emulator, safe mode, passive news reply. */
@SafePassiveApp
class SafeModeJourneyTest extends AppJourney {
    @Test
    void aNewFollowerScansGetsTheCardInstantlyAndThePageShowsTheirNicknameAndAvatar() {
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();
        AppClient.EventStream events = app().events(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.names().contains("waiting"));
        EmulatedUser user = newUser("小王");

        Delivery delivery =
                wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());

        assertThat(delivery.event()).isEqualTo("subscribe");
        assertThat(delivery.attempts()).hasSize(1);
        assertThat(delivery.outcome()).isEqualTo("replied");
        assertThat(delivery.reply().type()).isEqualTo("news");
        assertThat(delivery.reply().articles()).singleElement().satisfies(card -> {
            assertThat(card.url()).isEqualTo(quote.get("pageUrl").asString());
            assertThat(card.url()).doesNotContain(user.openid());
            assertThat(card.title()).contains("61,188");
            assertThat(card.description()).contains("111.25").contains("81,213").contains("20,025");
            assertThat(card.picurl()).endsWith("/card.png");
        });
        JsonNode status = app().quote(id).get("status");
        assertThat(status.get("status").asString()).isEqualTo("delivered");
        assertThat(status.get("newFollower").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.names().contains("delivered"));
        assertThat(events.names()).containsSubsequence("waiting", "scanned", "delivered");

        // tapped inside WeChat: web authorization, then the page shows who owns the quote
        OpenResult opened =
                wx().open(user.openid(), delivery.reply().articles().get(0).url());
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.visited())
                .anyMatch(url -> url.contains("/connect/oauth2/authorize")
                        && url.contains("scope=snsapi_userinfo")
                        && url.contains("state="));
        assertThat(opened.body()).contains("小王").contains("/q/" + id + "/avatar");
        assertThat(String.join(" ", opened.visited())).doesNotContain(user.openid());

        // shared: any browser now sees the same nickname and avatar, without authorization
        String shared = app().get("/q/" + id).body();
        assertThat(shared).contains("小王").contains("/q/" + id + "/avatar").doesNotContain(user.openid());
    }

    @Test
    void anExistingFollowerScansWithScanAndIsToldApartOnThePage() {
        EmulatedUser user = newUser("老李");
        wx().follow(user.openid(), null);
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();

        Delivery delivery =
                wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());

        assertThat(delivery.event()).isEqualTo("SCAN");
        assertThat(delivery.reply().type()).isEqualTo("news");
        JsonNode status = app().quote(id).get("status");
        assertThat(status.get("status").asString()).isEqualTo("delivered");
        assertThat(status.get("newFollower").asBoolean()).isFalse();
    }

    @Test
    void theFirstScannerOwnsTheQuoteARescanResendsAndASecondScannerIsTurnedAway() {
        JsonNode quote = app().createQuote();
        String url = quote.get("qr").get("url").asString();
        EmulatedUser owner = newUser("先到");
        EmulatedUser other = newUser("后到");
        wx().scanUrl(owner.openid(), url);

        Delivery again = wx().scanUrl(owner.openid(), url);
        assertThat(again.event()).isEqualTo("SCAN");
        assertThat(again.reply().type()).isEqualTo("news");

        Delivery second = wx().scanUrl(other.openid(), url);
        assertThat(second.reply().type()).isEqualTo("text");
        assertThat(second.reply().content()).contains("另一位微信用户");
        String ownerInDb = jdbc.sql("select owner_openid from quote where public_id = :id")
                .param("id", quote.get("id").asString())
                .query(String.class)
                .single();
        assertThat(ownerInDb).isEqualTo(owner.openid());
    }

    @Test
    void aRetriedPushHasOneEffectAndTheLostCardFollowsOnceByCustomerService() {
        JsonNode quote = app().createQuote();
        EmulatedUser user = newUser("重试");
        int pushesBefore = count("inbound_push");
        wx().addFault(FaultSpec.dropPushAnswers(1)); // WeChat never sees our first answer and pushes again

        Delivery delivery =
                wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());

        assertThat(delivery.attempts()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(delivery.outcome()).isEqualTo("accepted"); // the retry is answered success at once
        assertThat(count("inbound_push")).isEqualTo(pushesBefore + 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> wx().chat(user.openid()).stream().anyMatch(m -> "account".equals(m.from())));
        assertThat(wx().chat(user.openid()).stream().filter(m -> "account".equals(m.from())))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.via()).isEqualTo("customer_service");
                    assertThat(m.articles().get(0).url())
                            .isEqualTo(quote.get("pageUrl").asString());
                });
    }

    @Test
    void aPlainFollowIsWelcomedTextGetsHelpAndAnUnfollowIsRecorded() {
        EmulatedUser user = newUser("路人");
        Delivery follow = wx().follow(user.openid(), null);
        assertThat(follow.reply().type()).isEqualTo("text");
        assertThat(follow.reply().content()).contains("欢迎关注");

        Delivery text = wx().sendText(user.openid(), "多少钱？");
        assertThat(text.reply().content()).contains("扫一扫");

        wx().unfollow(user.openid());
        Boolean subscribed = jdbc.sql("select subscribed from wechat_user where openid = :o")
                .param("o", user.openid())
                .query(Boolean.class)
                .single();
        assertThat(subscribed).isFalse();
        assertThat(wx().chat(user.openid())).extracting(ChatMessage::from).doesNotContain("system");
    }

    @Test
    void someoneElseOpeningTheSharedLinkInWeChatDoesNotBecomeTheFaceOfTheQuote() {
        JsonNode quote = app().createQuote();
        EmulatedUser owner = newUser("主人");
        EmulatedUser friend = newUser("朋友");
        wx().scanUrl(owner.openid(), quote.get("qr").get("url").asString());

        OpenResult opened = wx().open(friend.openid(), quote.get("pageUrl").asString());

        assertThat(opened.visited().stream().filter(url -> url.contains("/connect/oauth2/authorize")))
                .hasSize(1);
        assertThat(opened.body()).contains("微信用户").doesNotContain("朋友").doesNotContain("主人");
        OpenResult again = wx().open(friend.openid(), quote.get("pageUrl").asString());
        assertThat(again.status()).isEqualTo(200); // no authorization loop
    }

    @Test
    void aNicknameIsShownAsTextNeverAsMarkup() {
        JsonNode quote = app().createQuote();
        EmulatedUser user = newUser("<b>阿强</b>");
        wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());
        wx().open(user.openid(), quote.get("pageUrl").asString());
        String page = app().get("/q/" + quote.get("id").asString()).body();
        assertThat(page).contains("&lt;b&gt;阿强&lt;/b&gt;").doesNotContain("<b>阿强");
    }

    @Test
    void openedOutsideWeChatThePageShowsTheQuoteWithoutAuthorization() {
        JsonNode quote = app().createQuote();
        var page = app().get("/q/" + quote.get("id").asString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("尚未领取的报价").contains("61,187.50");

        var missing = app().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(app().base() + "/q/AAAAAAAAAAAAAAAAAAAAAA"))
                .header("Accept", "text/html")
                .build());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("没有找到这份报价");
    }
}
