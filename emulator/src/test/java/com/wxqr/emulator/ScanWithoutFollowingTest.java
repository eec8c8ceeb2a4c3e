package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.emulator.http.Json;
import com.wxqr.mp.callback.SubscribeEvent;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A non-follower who scans a parametric code sees the account's profile page: nothing is pushed until they tap
 * 关注公众号, and 返回 pushes nothing at all. Driven over the control API, pushes received by a real callback server.
 */
class ScanWithoutFollowingTest {

    private static final String APP_ID = "wx4444444444444444";

    @RegisterExtension
    final EmulatorWithAccount emulator = EmulatorWithAccount.withDeveloper(
            EmulatorSettings.builder().pushTimeout(Duration.ofSeconds(3)).build(),
            NewAccount.of(APP_ID, "s4").withToken("tok4"));

    private WeChatEmulator wx;
    private String openid;
    private String url;
    private String ticket;

    @BeforeEach
    void start() {
        wx = emulator.emulator();
        openid = wx.createUser(APP_ID, "阿四").openid();
        JsonNode code = TestHttp.createCode(wx, emulator.accessToken(), "q-44");
        url = code.get("url").asString();
        ticket = code.get("ticket").asString();
    }

    private JsonNode scan(boolean follow) {
        return TestHttp.postJson(
                wx.url("/emulator/users/" + openid + "/scan"),
                Json.object().put("url", url).put("follow", follow));
    }

    @Test
    void scanning_without_following_pushes_nothing_and_a_later_follow_pushes_the_scene() {
        JsonNode scan = scan(false);
        assertThat(scan.get("outcome").asString()).isEqualTo("not_followed");
        assertThat(scan.get("event").isNull()).isTrue();
        assertThat(scan.get("attempts")).isEmpty();
        assertThat(scan.get("ticket").asString()).isEqualTo(ticket);
        assertThat(emulator.developer().pushes()).isEmpty();
        assertThat(wx.user(openid).following()).isFalse();
        assertThat(wx.user(openid).profilePage()).isEqualTo(ticket);

        JsonNode follow = TestHttp.postJson(wx.url("/emulator/users/" + openid + "/follow"), "{}");
        assertThat(follow.get("event").asString()).isEqualTo("subscribe");
        assertThat(follow.get("eventKey").asString()).isEqualTo("qrscene_q-44");
        assertThat(follow.get("ticket").asString()).isEqualTo(ticket);
        assertThat(follow.get("outcome").asString()).isEqualTo("replied");
        assertThat(emulator.developer().pushes())
                .singleElement()
                .satisfies(p -> assertThat(p.opened().message()).isInstanceOfSatisfying(SubscribeEvent.class, e -> {
                    assertThat(e.fromQrCode()).isTrue();
                    assertThat(e.qrScene()).hasValue("q-44");
                }));
        EmulatedUser user = wx.user(openid);
        assertThat(user.following()).isTrue();
        assertThat(user.profilePage()).isNull();
        assertThat(user.subscribeScene()).isEqualTo("ADD_SCENE_QR_CODE");
        assertThat(user.qrSceneStr()).isEqualTo("q-44");
        assertThat(wx.chat(openid))
                .singleElement()
                .satisfies(m -> assertThat(m.articles().get(0).title()).contains("q-44"));
    }

    @Test
    void going_back_from_the_profile_page_pushes_nothing_and_a_later_follow_is_a_plain_one() {
        scan(false);
        assertThat(TestHttp.postJson(wx.url("/emulator/users/" + openid + "/back"), "{}")
                        .get("closed")
                        .asBoolean())
                .isTrue();
        assertThat(TestHttp.postJson(wx.url("/emulator/users/" + openid + "/back"), "{}")
                        .get("closed")
                        .asBoolean())
                .isFalse();
        assertThat(emulator.developer().pushes()).isEmpty();
        assertThat(wx.user(openid).profilePage()).isNull();

        Delivery follow = wx.follow(openid, null);
        assertThat(follow.eventKey()).isEmpty();
        assertThat(follow.ticket()).isNull();
        assertThat(wx.user(openid).subscribeScene()).isEqualTo("ADD_SCENE_SEARCH");
    }

    @Test
    void the_default_scan_follows_at_once_and_a_followers_scan_ignores_the_flag() {
        JsonNode subscribe = TestHttp.postJson(
                wx.url("/emulator/users/" + openid + "/scan"), Json.object().put("url", url));
        assertThat(subscribe.get("event").asString()).isEqualTo("subscribe");
        assertThat(subscribe.get("eventKey").asString()).isEqualTo("qrscene_q-44");
        JsonNode again = scan(false);
        assertThat(again.get("event").asString()).isEqualTo("SCAN");
        assertThat(again.get("eventKey").asString()).isEqualTo("q-44");
        assertThat(emulator.developer().pushes()).hasSize(2);

        wx.unfollow(openid);
        Delivery back = wx.scanUrl(openid, url, false);
        assertThat(back.outcome()).isEqualTo("not_followed");
        assertThat(wx.follow(openid, null).eventKey())
                .as("an unfollower who scans again subscribes through the code")
                .isEqualTo("qrscene_q-44");
    }
}
