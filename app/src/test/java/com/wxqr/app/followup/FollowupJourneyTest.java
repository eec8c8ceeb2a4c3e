package com.wxqr.app.followup;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppJourney;
import com.wxqr.emulator.ChatMessage;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.FaultSpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * 联系客户 through the emulator (issue 21): an admin reaches a lead within its customer-service window, outside it by
 * the subscription notification the lead accepted in the popup, or sees why not; every refusal WeChat gives is
 * recorded on the lead in words. Real HTTP, CSRF tokens as a browser posts them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxqr.demo.emulator-port=0",
            "wxqr.demo.encryption-mode=safe",
            "spring.datasource.url=jdbc:h2:mem:followup;DB_CLOSE_DELAY=-1",
            "wxqr.followup.template-id=" + FollowupJourneyTest.TEMPLATE
        })
class FollowupJourneyTest extends AppJourney {
    static final String TEMPLATE = "followupQuoteUpdated_0001";
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    EmulatedUser boss;
    Browser browser;

    /** A logged-in admin's browser on the leads' contact pages. */
    final class Browser extends AdminBrowser {
        /** Posts the contact form of the lead's page with its CSRF token, as the page's button does. */
        HttpResponse<String> contact(String quoteId, String kind, String text) throws Exception {
            Matcher m = FORM_TOKEN.matcher(
                    get("/admin/leads/" + quoteId + "/contact").body());
            assertThat(m.find()).as("the contact page's form carries a token").isTrue();
            String form = "kind=" + kind + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&_csrf="
                    + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
            return http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + port + "/admin/leads/" + quoteId + "/contact"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String page(String quoteId) throws Exception {
            HttpResponse<String> r = get("/admin/leads/" + quoteId + "/contact");
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }
    }

    @BeforeEach
    void anAdminAndTheTemplate() throws Exception {
        wx().addSubscribeTemplate(
                        demo.appId(), TEMPLATE, "报价更新提醒", "报价单号:{{character_string1.DATA}}\n备注:{{thing2.DATA}}\n");
        boss = newUser("跟进老板");
        jdbc.sql("insert into admin_user (openid, added_at) values (:openid, :now)")
                .param("openid", boss.openid())
                .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        browser = new Browser();
        browser.logIn(boss);
    }

    @AfterEach
    void noMoreAdmin() {
        jdbc.sql("delete from admin_user where openid = :openid")
                .param("openid", boss.openid())
                .update();
    }

    /** A visitor's quote, scanned by a new follower: a lead with a WeChat user. */
    String lead(EmulatedUser user) {
        JsonNode quote = app().createQuote();
        wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());
        return quote.get("id").asString();
    }

    /** The follower's last interaction 49 hours ago as far as the app knows (the window closed). */
    void windowClosed(EmulatedUser user) {
        jdbc.sql("update follower_window set last_message_at = :long_ago where openid = :openid")
                .param("long_ago", OffsetDateTime.ofInstant(Instant.now().minus(Duration.ofHours(49)), ZoneOffset.UTC))
                .param("openid", user.openid())
                .update();
    }

    List<ChatMessage> fromAccount(EmulatedUser user, String via) {
        return wx().chat(user.openid()).stream()
                .filter(m -> via.equals(m.via()))
                .toList();
    }

    List<Integer> recorded(String quoteId) {
        return jdbc.sql("select errcode from contact_attempt where quote_id = :q order by id")
                .param("q", quoteId)
                .query(Integer.class)
                .list();
    }

    @Test
    void aLeadInsideTheWindowGetsTheOwnersTextAndTheCard() throws Exception {
        EmulatedUser user = newUser("窗口内");
        String id = lead(user);
        wx().sendText(user.openid(), "我想了解一下报价");

        String page = browser.page(id);
        assertThat(page).contains("id=\"send-text\"", "id=\"send-card\"").doesNotContain("contact-reason");

        HttpResponse<String> sent = browser.contact(id, "text", "您好，我们明天上午可以上门量房");
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/contact?done=sent");
        assertThat(fromAccount(user, "customer_service"))
                .extracting(ChatMessage::content)
                .contains("您好，我们明天上午可以上门量房");

        assertThat(browser.contact(id, "card", "")
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .endsWith("done=sent");
        assertThat(fromAccount(user, "customer_service"))
                .anySatisfy(m -> assertThat(m.articles())
                        .singleElement()
                        .satisfies(a -> assertThat(a.url()).endsWith("/q/" + id)));

        assertThat(recorded(id)).containsExactly(0, 0);
        assertThat(browser.page(id)).contains("已送达", "您好，我们明天上午可以上门量房");
    }

    @Test
    void eachRefusalFromWeChatIsRecordedOnTheLeadInWords() throws Exception {
        EmulatedUser user = newUser("被拒绝");
        String id = lead(user);
        assertThat(browser.page(id))
                .as("a scan alone opens no window the owner can use")
                .contains("窗口已过期，客户未订阅通知");
        wx().sendText(user.openid(), "在吗");

        wx().addFault(FaultSpec.error("/cgi-bin/message/custom/send", 45015, 1));
        assertThat(browser.contact(id, "text", "第一次")
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .endsWith("done=refused");
        wx().addFault(FaultSpec.error("/cgi-bin/message/custom/send", 45047, 1));
        browser.contact(id, "text", "第二次");

        windowClosed(user);
        wx().answerSubscribePopup(user.openid(), TEMPLATE, true);
        wx().addFault(FaultSpec.error("/cgi-bin/message/subscribe/bizsend", 47003, 1));
        browser.contact(id, "notification", "报价已更新");
        wx().addFault(FaultSpec.error("/cgi-bin/message/subscribe/bizsend", 43101, 1));
        browser.contact(id, "notification", "报价已更新");

        assertThat(recorded(id)).containsExactly(45015, 45047, 47003, 43101);
        String page = browser.page(id);
        assertThat(page)
                .contains("客服消息窗口已关闭（45015）")
                .contains("客服消息条数已用完（45047）")
                .contains("通知内容不符合模板要求")
                .contains("客户未订阅通知或订阅次数已用完（43101）");
        // after 43101 the app counts no subscription left: the button is disabled with the reason
        assertThat(page).contains("id=\"contact-disabled\"", "窗口已过期，客户未订阅通知");
        assertThat(fromAccount(user, "customer_service")).isEmpty();
        assertThat(fromAccount(user, "subscribe_notification")).isEmpty();
    }

    @Test
    void aLeadOutsideTheWindowWhoSubscribedGetsTheNotificationOnce() throws Exception {
        EmulatedUser user = newUser("订阅者");
        String id = lead(user);
        wx().sendText(user.openid(), "报价有更新时通知我");
        windowClosed(user);
        assertThat(browser.page(id)).contains("窗口已过期，客户未订阅通知");

        // the first answer to the popup's push is lost: WeChat pushes it again, and it must not count twice
        wx().addFault(new FaultSpec("push_drop", null, null, null, 1, null, demo.appId(), null));
        Delivery popup = wx().answerSubscribePopup(user.openid(), TEMPLATE, true);
        assertThat(popup.attempts()).hasSizeGreaterThan(1);
        assertThat(jdbc.sql("select remaining from notify_subscription where openid = :o")
                        .param("o", user.openid())
                        .query(Integer.class)
                        .single())
                .isOne();

        String page = browser.page(id);
        assertThat(page).contains("id=\"send-notification\"").doesNotContain("id=\"send-text\"");
        HttpResponse<String> sent = browser.contact(id, "notification", "您的报价已按最新价格更新，点开查看");
        assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("done=sent");

        assertThat(fromAccount(user, "subscribe_notification")).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("notification");
            assertThat(m.content()).contains("报价更新提醒", "报价单号:" + id, "备注:您的报价已按最新价格更新，点开查看");
            assertThat(m.articles().get(0).url()).endsWith("/q/" + id);
        });
        // one subscription, one notification
        assertThat(browser.page(id)).contains("窗口已过期，客户未订阅通知", "id=\"contact-disabled\"");
        assertThat(browser.contact(id, "notification", "再来一次").statusCode()).isEqualTo(400);
        assertThat(recorded(id)).containsExactly(0);
    }

    @Test
    void aLeadOutsideTheWindowWhoDidNotSubscribeIsShownTheReasonAndNothingIsSent() throws Exception {
        EmulatedUser user = newUser("没订阅");
        String id = lead(user);
        wx().sendText(user.openid(), "谢谢");
        windowClosed(user);
        wx().answerSubscribePopup(user.openid(), TEMPLATE, false);

        String page = browser.page(id);
        assertThat(page).contains("id=\"contact-disabled\" disabled", "窗口已过期，客户未订阅通知");
        HttpResponse<String> refused = browser.contact(id, "text", "还在考虑吗？");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("窗口已过期，客户未订阅通知");
        assertThat(recorded(id)).isEmpty();
        assertThat(fromAccount(user, "customer_service")).isEmpty();
    }

    @Test
    void anUnknownLeadIs404AndAnUnfollowClosesTheWindow() throws Exception {
        assertThat(browser.get("/admin/leads/nope/contact").statusCode()).isEqualTo(404);
        EmulatedUser user = newUser("取关者");
        String id = lead(user);
        wx().sendText(user.openid(), "你好");
        assertThat(browser.page(id)).contains("id=\"send-text\"");
        wx().unfollow(user.openid());
        assertThat(browser.page(id)).contains("窗口已过期，客户未订阅通知");
    }
}
