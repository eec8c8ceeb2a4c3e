package com.wxqr.app.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppJourney;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.emulator.CallRecord;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.OpenResult;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * WeChat as people really use it (issue 13), each through the in-process emulator: scanning without
 * following, snapshot pages, friends opening a shared link, changed avatars, and coming back from the
 * chat for one's quotes.
 */
@SafePassiveApp
class PeopleAsTheyAreJourneyTest extends AppJourney {
    /** A quote delivered to a new user who followed through its code; returns the card's link. */
    String deliveredTo(EmulatedUser user, JsonNode quote) {
        Delivery d = wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());
        assertThat(d.outcome()).as("%s", d).isEqualTo("replied");
        return d.reply().articles().get(0).url();
    }

    List<String> authorizeScopes(int from) {
        List<CallRecord> calls = wx().calls("/connect/oauth2/authorize");
        return calls.subList(from, calls.size()).stream()
                .map(c -> c.query().get("scope"))
                .toList();
    }

    @Test
    void aVisitorWhoScansWithoutFollowingIsWaitedForAndALaterFollowStillDelivers() {
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();
        EmulatedUser user = newUser("犹豫");

        Delivery scan = wx().scanUrl(user.openid(), quote.get("qr").get("url").asString(), false);
        assertThat(scan.outcome()).isEqualTo("not_followed");
        assertThat(app().status(id)).isEqualTo("waiting");
        assertThat(app().get("/quotes/" + id).body())
                .contains("扫码后请点击「关注公众号」，报价会立即发到微信")
                .contains("data-follow-hint-after=\"2000\"");

        Delivery follow = wx().follow(user.openid(), null);
        assertThat(follow.eventKey()).startsWith("qrscene_");
        assertThat(follow.reply().type()).isEqualTo("news");
        assertThat(follow.reply().articles().get(0).url())
                .isEqualTo(quote.get("pageUrl").asString());
        assertThat(app().status(id)).isEqualTo("delivered");
    }

    @Test
    void aSnapshotAuthorizationNeverBecomesTheProfileAndThePageOffersTheFullService() {
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();
        EmulatedUser owner = newUser("快照");
        String link = deliveredTo(owner, quote);
        wx().snapshotPages(owner.openid(), true);

        OpenResult snapshot = wx().open(owner.openid(), link);
        assertThat(snapshot.status()).isEqualTo(200);
        assertThat(snapshot.body())
                .contains("使用完整服务")
                .contains("/q/" + id + "/authorize")
                .doesNotContain("快照<");
        assertThat(app().get("/q/" + id).body()).doesNotContain("快照");
        String stored = jdbc.sql("select nickname from wechat_user where openid = :o")
                .param("o", owner.openid())
                .query(String.class)
                .optional()
                .orElse(null);
        assertThat(stored).as("a snapshot's virtual profile is never stored").isNull();
        assertThat(jdbc.sql("select count(*) from wechat_user where nickname = '微信用户'")
                        .query(Integer.class)
                        .single())
                .isZero();

        // the visitor taps 使用完整服务 and consents: now the real profile is learnt
        OpenResult full = wx().useFullService(owner.openid(), true);
        assertThat(full.body()).contains("快照").doesNotContain("使用完整服务");
        assertThat(app().get("/q/" + id).body()).contains("快照");
    }

    @Test
    void aFriendOpeningTheSharedLinkIsAskedNothingAndOnlyTheOwnerIsAskedForTheirProfile() {
        JsonNode quote = app().createQuote();
        EmulatedUser owner = newUser("主人");
        EmulatedUser friend = newUser("朋友");
        String link = deliveredTo(owner, quote);

        int before = wx().calls("/connect/oauth2/authorize").size();
        OpenResult byFriend = wx().open(friend.openid(), link, false); // would refuse any consent page
        assertThat(byFriend.status()).isEqualTo(200);
        assertThat(authorizeScopes(before)).containsExactly("snsapi_base");
        assertThat(byFriend.body()).doesNotContain("朋友").doesNotContain("主人");
        assertThat(jdbc.sql("select count(*) from wechat_user where nickname is not null and openid = :o")
                        .param("o", friend.openid())
                        .query(Integer.class)
                        .single())
                .isZero();

        before = wx().calls("/connect/oauth2/authorize").size();
        OpenResult byOwner = wx().open(owner.openid(), link);
        assertThat(authorizeScopes(before)).containsExactly("snsapi_base", "snsapi_userinfo");
        assertThat(byOwner.body()).contains("主人");

        before = wx().calls("/connect/oauth2/authorize").size();
        OpenResult again = wx().open(owner.openid(), link);
        assertThat(authorizeScopes(before))
                .as("a known, fresh profile needs no authorization")
                .isEmpty();
        assertThat(again.body()).contains("主人");
    }

    @Test
    void theAvatarIsCopiedSoAChangedAvatarDoesNotBreakThePageAndAStaleProfileIsRefreshed() {
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();
        EmulatedUser owner = newUser("换头像");
        wx().open(owner.openid(), deliveredTo(owner, quote));
        HttpResponse<String> copy = app().get("/q/" + id + "/avatar");
        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(copy.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(copy.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        byte[] before = avatarBytes(id);

        String oldUrl = wx().user(owner.openid()).headimgurl();
        wx().changeAvatar(owner.openid());
        wx().changeNickname(owner.openid(), "新名字");
        assertThat(app().send(java.net.http.HttpRequest.newBuilder(URI.create(oldUrl))
                                .build())
                        .statusCode())
                .isEqualTo(404);
        assertThat(app().get("/q/" + id).body()).contains("换头像").contains("/q/" + id + "/avatar");
        assertThat(avatarBytes(id)).as("our copy still serves").isEqualTo(before);

        // the owner comes back after wxqr.profile.refresh-after: the profile and the copy are renewed
        jdbc.sql("update wechat_user set profile_updated_at = profile_updated_at - interval '8' day where openid = :o")
                .param("o", owner.openid())
                .update();
        // eight days on, the browser's earlier authorization states have long expired too
        jdbc.sql("update oauth_state set created_at = created_at - interval '8' day, "
                        + "expires_at = expires_at - interval '8' day where quote_id = :q")
                .param("q", id)
                .update();
        wx().open(owner.openid(), "http://localhost:" + port + "/q/" + id);
        assertThat(app().get("/q/" + id).body()).contains("新名字");
        assertThat(avatarBytes(id)).isNotEqualTo(before);
    }

    byte[] avatarBytes(String id) {
        return jdbc.sql(
                        "select a.image from wechat_avatar a join quote q on q.owner_openid = a.openid where q.public_id = :id")
                .param("id", id)
                .query(byte[].class)
                .single();
    }

    @Test
    void aFollowerWhoTypesOrTapsMyQuotesGetsTheirQuotesAndAReturningScannerGetsTheCardAgain() {
        EmulatedUser user = newUser("回头客");
        Delivery none = wx().follow(user.openid(), null);
        assertThat(wx().sendText(user.openid(), "报价").reply().content()).contains("您还没有报价");

        JsonNode first = app().createQuote();
        deliveredTo(user, first);
        Delivery typed = wx().sendText(user.openid(), "报价");
        assertThat(typed.reply().type()).isEqualTo("news");
        assertThat(typed.reply().articles())
                .singleElement()
                .satisfies(
                        a -> assertThat(a.url()).isEqualTo(first.get("pageUrl").asString()));

        JsonNode second = app().createQuote(120, "3-2", "premium");
        wx().scanUrl(user.openid(), second.get("qr").get("url").asString());
        Delivery tapped = wx().clickMenu(user.openid(), "MY_QUOTES");
        assertThat(tapped.reply().type()).isEqualTo("text");
        assertThat(tapped.reply().content())
                .contains(second.get("pageUrl").asString())
                .contains(first.get("pageUrl").asString());
        assertThat(tapped.reply().content().indexOf(second.get("pageUrl").asString()))
                .as("newest first")
                .isLessThan(
                        tapped.reply().content().indexOf(first.get("pageUrl").asString()));
        assertThat(tapped.reply().content()).doesNotContain(user.openid());
        assertThat(wx().sendText(user.openid(), "你好").reply().content()).doesNotContain("/q/");

        // unfollowed, then scans the first quote's code again: subscribed again, and the card again
        wx().unfollow(user.openid());
        Delivery back = wx().scanUrl(user.openid(), first.get("qr").get("url").asString());
        assertThat(back.event()).isEqualTo("subscribe");
        assertThat(back.reply().type()).isEqualTo("news");
        assertThat(back.reply().articles().get(0).url())
                .isEqualTo(first.get("pageUrl").asString());
        assertThat(none.event()).isEqualTo("subscribe");
    }
}
