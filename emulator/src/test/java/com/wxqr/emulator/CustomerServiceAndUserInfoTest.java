package com.wxqr.emulator;

import static com.wxqr.emulator.AccessTokenTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.emulator.http.Json;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code message/custom/send} windows and limits (docs/PROTOCOL.md#customer-service-windows) and {@code user/info}
 * (docs/PROTOCOL.md#user-info).
 */
class CustomerServiceAndUserInfoTest {

    @RegisterExtension
    final EmulatorWithAccount emulator = new EmulatorWithAccount();

    private WeChatEmulator wx;
    private String token;
    private EmulatedUser user;

    @BeforeEach
    void start() {
        wx = emulator.emulator();
        fetchToken();
        user = wx.createUser(emulator.appId(), "小明");
    }

    private void fetchToken() {
        token = emulator.accessToken();
    }

    private JsonNode send(Object body) {
        return TestHttp.postJson(wx.url("/cgi-bin/message/custom/send?access_token=" + token), body);
    }

    private ObjectNode text(String openid, String content) {
        ObjectNode b = Json.object().put("touser", openid).put("msgtype", "text");
        b.putObject("text").put("content", content);
        return b;
    }

    private ObjectNode news(String openid, int articles) {
        ObjectNode b = Json.object().put("touser", openid).put("msgtype", "news");
        var arr = b.putObject("news").putArray("articles");
        for (int i = 0; i < articles; i++) {
            arr.addObject()
                    .put("title", "报价 " + i)
                    .put("description", "点击查看")
                    .put("url", "https://example.com/q/" + i)
                    .put("picurl", "https://example.com/p.png");
        }
        return b;
    }

    private static void assertOk(JsonNode r) {
        assertThat(r.get("errcode").asInt()).as("%s", r).isZero();
        assertThat(r.get("errmsg").asString()).isEqualTo("ok");
    }

    @Test
    void never_followed_and_unknown_users_are_refused() {
        assertError(send(text(user.openid(), "hi")), 45015);
        assertError(send(text("o" + "x".repeat(27), "hi")), 40003);
        EmulatedUser other = wx.createUser(
                wx.createAccount(NewAccount.of("wx4444444444444444", "s"))
                        .settings()
                        .appId(),
                null);
        assertError(send(text(other.openid(), "hi")), 40003);
    }

    @Test
    void a_follow_opens_three_messages_for_one_minute() {
        wx.follow(user.openid(), null);
        assertOk(send(text(user.openid(), "1")));
        assertOk(send(news(user.openid(), 1)));
        assertOk(send(text(user.openid(), "3")));
        assertError(send(text(user.openid(), "4")), 45047);
        wx.advanceClock(Duration.ofMinutes(1));
        assertError(send(text(user.openid(), "5")), 45015);
        var chat = wx.chat(user.openid());
        assertThat(chat).hasSize(3).allSatisfy(m -> {
            assertThat(m.from()).isEqualTo("account");
            assertThat(m.via()).isEqualTo("customer_service");
        });
        assertThat(chat.get(1).articles()).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("报价 0");
            assertThat(a.picurl()).isEqualTo("https://example.com/p.png");
        });
    }

    @Test
    void a_user_message_opens_five_messages_for_48_hours() {
        wx.follow(user.openid(), null);
        wx.advanceClock(Duration.ofMinutes(2));
        wx.sendText(user.openid(), "在吗");
        wx.advanceClock(Duration.ofHours(47));
        fetchToken();
        for (int i = 0; i < 5; i++) {
            assertOk(send(text(user.openid(), "reply " + i)));
        }
        assertError(send(text(user.openid(), "6")), 45047);
        wx.advanceClock(Duration.ofHours(1));
        assertError(send(text(user.openid(), "7")), 45015);
    }

    @Test
    void a_menu_click_opens_three_messages_but_a_view_opens_none() {
        wx.follow(user.openid(), null);
        wx.advanceClock(Duration.ofMinutes(2));
        wx.viewMenu(user.openid(), "https://example.com/menu");
        assertError(send(text(user.openid(), "after view")), 45015);
        wx.clickMenu(user.openid(), "KEY");
        for (int i = 0; i < 3; i++) {
            assertOk(send(text(user.openid(), "after click " + i)));
        }
        assertError(send(text(user.openid(), "one more")), 45047);
    }

    @Test
    void unfollow_closes_the_window() {
        wx.follow(user.openid(), null);
        wx.unfollow(user.openid());
        assertError(send(text(user.openid(), "hi")), 45015);
        assertThatThrownBy(() -> wx.sendText(user.openid(), "hi")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bad_messages_get_their_codes() {
        wx.follow(user.openid(), null);
        assertError(send(news(user.openid(), 2)), 45008);
        ObjectNode notArray = Json.object().put("touser", user.openid()).put("msgtype", "news");
        notArray.putObject("news").putObject("articles");
        assertError(send(notArray), 45162);
        assertError(send(Json.object().put("touser", user.openid()).put("msgtype", "telegram")), 40008);
        assertError(send("{oops"), 47001);
        assertError(send(""), 44002);
        assertThat(wx.chat(user.openid())).isEmpty();
        assertOk(send(text(user.openid(), "still 3 left")));
    }

    @Test
    void user_info_has_todays_shape_for_a_follower_through_a_code() {
        JsonNode qr = TestHttp.postJson(
                wx.url("/cgi-bin/qrcode/create?access_token=" + token),
                "{\"expire_seconds\":600,\"action_name\":\"QR_SCENE\",\"action_info\":{\"scene\":{\"scene_id\":98765}}}");
        wx.scanUrl(user.openid(), qr.get("url").asString());
        JsonNode info = TestHttp.getJson(
                wx.url("/cgi-bin/user/info?access_token=" + token + "&openid=" + user.openid() + "&lang=zh_CN"));
        assertThat(info.get("subscribe").asInt()).isEqualTo(1);
        assertThat(info.get("openid").asString()).isEqualTo(user.openid()).hasSize(28);
        assertThat(info.get("nickname").asString()).isEmpty();
        assertThat(info.get("headimgurl").asString()).isEmpty();
        assertThat(info.get("subscribe_scene").asString()).isEqualTo("ADD_SCENE_QR_CODE");
        assertThat(info.get("qr_scene").asLong()).isEqualTo(98765);
        assertThat(info.get("qr_scene_str").asString()).isEmpty();
        assertThat(info.get("subscribe_time").asLong()).isPositive();
        assertThat(info.has("errcode")).isFalse();
    }

    @Test
    void user_info_of_a_non_follower_and_of_a_string_scene() {
        JsonNode info =
                TestHttp.getJson(wx.url("/cgi-bin/user/info?access_token=" + token + "&openid=" + user.openid()));
        assertThat(info.get("subscribe").asInt()).isZero();
        assertThat(info.has("subscribe_scene")).isFalse();
        assertThat(info.get("tagid_list").isArray()).isTrue();
        JsonNode qr = TestHttp.postJson(
                wx.url("/cgi-bin/qrcode/create?access_token=" + token),
                "{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"q-1\"}}}");
        wx.scanTicket(user.openid(), qr.get("ticket").asString());
        info = TestHttp.getJson(wx.url("/cgi-bin/user/info?access_token=" + token + "&openid=" + user.openid()));
        assertThat(info.get("qr_scene_str").asString()).isEqualTo("q-1");
        assertThat(info.get("qr_scene").asLong()).isZero();
        assertError(TestHttp.getJson(wx.url("/cgi-bin/user/info?access_token=" + token + "&openid=nobody")), 40003);
    }

    @Test
    void a_scan_opens_three_messages_for_followers_too() {
        wx.follow(user.openid(), null);
        wx.advanceClock(Duration.ofMinutes(5));
        assertError(send(text(user.openid(), "late")), 45015);
        JsonNode qr = TestHttp.postJson(
                wx.url("/cgi-bin/qrcode/create?access_token=" + token),
                "{\"action_name\":\"QR_STR_SCENE\",\"action_info\":{\"scene\":{\"scene_str\":\"s\"}}}");
        Delivery d = wx.scanUrl(user.openid(), qr.get("url").asString());
        assertThat(d.event()).isEqualTo("SCAN");
        assertThat(d.outcome()).isEqualTo("no_callback");
        assertOk(send(text(user.openid(), "after scan")));
    }
}
