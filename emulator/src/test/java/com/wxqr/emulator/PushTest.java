package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.mp.Article;
import com.wxqr.mp.callback.ClickEvent;
import com.wxqr.mp.callback.Reply;
import com.wxqr.mp.callback.ScanEvent;
import com.wxqr.mp.callback.SubscribeEvent;
import com.wxqr.mp.callback.TextMessage;
import com.wxqr.mp.callback.UnsubscribeEvent;
import com.wxqr.mp.callback.ViewEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Pushes to a real callback server on loopback in the three modes, retries and reply judging (docs/PROTOCOL.md#pushes).
 */
class PushTest {

    /** The account of every test but its callback URL (the test's developer server) and mode. */
    private static final NewAccount ACCOUNT = NewAccount.of("wx5555555555555555", "secret5")
            .withToken("callbackToken5")
            .withEncodingAesKey("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
            .withOriginalId("gh_5555aaaa5555");

    @RegisterExtension
    final WeChatEmulatorExtension emulator = new WeChatEmulatorExtension(
            EmulatorSettings.builder().pushTimeout(Duration.ofMillis(500)).build());

    private WeChatEmulator wx;

    @AutoClose
    private CallbackServer server;

    @BeforeEach
    void start() {
        wx = emulator.emulator();
    }

    private EmulatedAccount setUp(String mode) throws Exception {
        server = new CallbackServer(ACCOUNT);
        return wx.createAccount(ACCOUNT.withCallbackUrl(server.url()).withMode(mode));
    }

    private JsonNode issueCode(String scene) {
        return TestHttp.createCode(wx, TestHttp.accessToken(wx, ACCOUNT.appId(), ACCOUNT.secret()), scene);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "compatible", "safe"})
    void scan_pushes_subscribe_then_scan_and_the_user_sees_the_news_reply(String mode) throws Exception {
        EmulatedAccount account = setUp(mode);
        assertThat(account.verification().verified())
                .as("%s", account.verification())
                .isTrue();
        assertThat(server.received.get(0).query())
                .containsKeys("signature", "timestamp", "nonce", "echostr")
                .doesNotContainKeys("encrypt_type", "msg_signature");

        EmulatedUser user = wx.createUser(ACCOUNT.appId(), "小红");
        JsonNode code = issueCode("quote-1");
        Delivery first = wx.scanUrl(user.openid(), code.get("url").asString());

        assertThat(first.event()).isEqualTo("subscribe");
        assertThat(first.eventKey()).isEqualTo("qrscene_quote-1");
        assertThat(first.ticket()).isEqualTo(code.get("ticket").asString());
        assertThat(first.outcome()).as("%s", first).isEqualTo("replied");
        assertThat(first.attempts())
                .singleElement()
                .satisfies(a -> assertThat(a.result()).isEqualTo("answered"));
        assertThat(first.reply().articles())
                .singleElement()
                .satisfies(a -> assertThat(a.title()).isEqualTo("您的报价 quote-1"));

        CallbackServer.Received push = server.pushes().get(0);
        assertThat(push.rejection()).isNull();
        assertThat(push.opened().message()).isInstanceOfSatisfying(SubscribeEvent.class, e -> {
            assertThat(e.scene()).isEqualTo("quote-1");
            assertThat(e.ticket()).isEqualTo(code.get("ticket").asString());
            assertThat(e.toUser()).isEqualTo(ACCOUNT.originalId());
            assertThat(e.fromUser()).isEqualTo(user.openid());
        });
        Map<String, String> q = push.query();
        switch (mode) {
            case "plain" -> {
                assertThat(q).containsOnlyKeys("signature", "timestamp", "nonce");
                assertThat(push.body())
                        .contains("<EventKey><![CDATA[qrscene_quote-1]]></EventKey>")
                        .doesNotContain("Encrypt");
            }
            case "compatible" -> {
                assertThat(q)
                        .containsOnlyKeys("signature", "timestamp", "nonce", "openid", "encrypt_type", "msg_signature");
                assertThat(push.body())
                        .contains("<FromUserName><![CDATA[" + user.openid() + "]]>")
                        .contains("<Encrypt>");
            }
            default -> {
                assertThat(q).containsEntry("encrypt_type", "aes").containsEntry("openid", user.openid());
                assertThat(push.body())
                        .startsWith("<xml><ToUserName><![CDATA[" + ACCOUNT.originalId() + "]]></ToUserName><Encrypt>")
                        .doesNotContain("FromUserName");
            }
        }
        assertThat(push.opened().encrypted()).isEqualTo(!mode.equals("plain"));

        Delivery second = wx.scanUrl(user.openid(), code.get("url").asString());
        assertThat(second.event()).isEqualTo("SCAN");
        assertThat(second.eventKey()).isEqualTo("quote-1");
        assertThat(server.pushed(1, ScanEvent.class).scene()).isEqualTo("quote-1");
        assertThat(wx.chat(user.openid())).hasSize(2).allSatisfy(m -> {
            assertThat(m.via()).isEqualTo("passive");
            assertThat(m.type()).isEqualTo("news");
        });
        assertThat(wx.calls().stream().filter(c -> c.kind().equals("push"))).hasSize(2);
    }

    @Test
    void many_users_scanning_at_once_each_get_their_own_reply() throws Exception {
        setUp("safe");
        String url = issueCode("crowd").get("url").asString();
        var users = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> wx.createUser(ACCOUNT.appId(), "用户" + i))
                .toList();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = users.stream()
                    .map(u -> pool.submit(() -> wx.scanUrl(u.openid(), url)))
                    .toList();
            int attempts = 0;
            for (var f : futures) {
                Delivery delivery = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(delivery.outcome()).isEqualTo("replied");
                attempts += delivery.attempts().size();
            }
            // on a loaded machine a slow answer is retried, as WeChat does: the retry is the same push
            assertThat(server.pushes())
                    .hasSizeBetween(40, attempts)
                    .allSatisfy(r -> assertThat(r.rejection()).isNull());
            assertThat(server.pushes().stream().map(r -> r.body()).distinct()).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(users)
                .allSatisfy(u -> assertThat(wx.chat(u.openid()))
                        .singleElement()
                        .satisfies(m -> assertThat(m.articles().get(0).title()).isEqualTo("您的报价 crowd")));
    }

    @Test
    void a_slow_answer_is_retried_with_the_same_timestamp_and_nonce() throws Exception {
        setUp("safe");
        server.delays = Map.of(1, 1500L);
        EmulatedUser user = wx.createUser(ACCOUNT.appId(), null);
        Delivery d = wx.scanUrl(user.openid(), issueCode("slow").get("url").asString());
        assertThat(d.attempts()).extracting(PushAttempt::result).containsExactly("timeout", "answered");
        assertThat(d.outcome()).isEqualTo("replied");
        var pushes = server.pushes();
        assertThat(pushes).hasSize(2);
        assertThat(pushes.get(1).query()).isEqualTo(pushes.get(0).query());
        assertThat(pushes.get(1).body()).isEqualTo(pushes.get(0).body());
    }

    @Test
    void no_answer_at_all_shows_the_notice_after_every_delivery() throws Exception {
        setUp("plain");
        server.delays = Map.of(1, 1500L, 2, 1500L, 3, 1500L);
        EmulatedUser user = wx.createUser(ACCOUNT.appId(), null);
        Delivery d = wx.scanUrl(user.openid(), issueCode("down").get("url").asString());
        assertThat(d.attempts())
                .hasSize(3)
                .allSatisfy(a -> assertThat(a.result()).isEqualTo("timeout"));
        assertThat(d.outcome()).isEqualTo("notice");
        assertThat(d.notice()).isEqualTo("该公众号暂时无法提供服务，请稍后再试");
        assertThat(wx.chat(user.openid())).singleElement().satisfies(m -> {
            assertThat(m.from()).isEqualTo("system");
            assertThat(m.content()).isEqualTo(Delivery.SERVICE_UNAVAILABLE);
        });
    }

    @Test
    void junk_replies_and_misaddressed_replies_show_the_notice() throws Exception {
        setUp("compatible");
        EmulatedUser user = wx.createUser(ACCOUNT.appId(), null);
        server.responder = (r, n) -> "{\"reply\":\"json is not accepted\"}";
        Delivery junk = wx.follow(user.openid(), null);
        assertThat(junk.outcome()).isEqualTo("notice");
        assertThat(junk.attempts()).hasSize(1);
        wx.unfollow(user.openid());
        server.responder = (r, n) -> Reply.text("hi").toXml("oSomebodyElse", ACCOUNT.originalId(), 1L);
        Delivery wrong = wx.follow(user.openid(), null);
        assertThat(wrong.outcome()).isEqualTo("notice");
        assertThat(wrong.detail()).contains("ToUserName");
        assertThat(wx.chat(user.openid())).extracting(ChatMessage::type).containsExactly("notice", "notice");
    }

    @Test
    void safe_mode_wants_an_encrypted_reply_but_success_and_empty_need_none() throws Exception {
        setUp("safe");
        EmulatedUser user = wx.createUser(ACCOUNT.appId(), null);
        server.responder = (r, n) -> Reply.text("明文").toXml(user.openid(), ACCOUNT.originalId(), 1L);
        Delivery plainReply = wx.follow(user.openid(), null);
        assertThat(plainReply.outcome()).isEqualTo("notice");
        assertThat(plainReply.detail()).contains("encrypted");
        wx.unfollow(user.openid());
        server.responder = (r, n) -> "success";
        assertThat(wx.follow(user.openid(), null).outcome()).isEqualTo("accepted");
        wx.unfollow(user.openid());
        server.responder = (r, n) -> "";
        assertThat(wx.follow(user.openid(), null).outcome()).isEqualTo("accepted");
        assertThat(wx.chat(user.openid())).extracting(ChatMessage::type).containsExactly("notice");
    }

    @Test
    void dropped_and_delayed_answers_are_retried() throws Exception {
        setUp("safe");
        EmulatedUser user = wx.createUser(ACCOUNT.appId(), null);
        wx.addFault(FaultSpec.dropPushAnswers(1));
        Delivery dropped =
                wx.scanUrl(user.openid(), issueCode("drop").get("url").asString());
        assertThat(dropped.attempts()).extracting(PushAttempt::result).containsExactly("dropped", "answered");
        assertThat(dropped.outcome()).isEqualTo("replied");
        wx.addFault(FaultSpec.delayPushAnswers(600, 1));
        Delivery delayed =
                wx.scanUrl(user.openid(), issueCode("delay").get("url").asString());
        assertThat(delayed.attempts()).extracting(PushAttempt::result).containsExactly("timeout", "answered");
        assertThat(server.pushes()).hasSize(4);
    }

    @Test
    void text_messages_get_text_replies_and_only_one_news_article() throws Exception {
        setUp("safe");
        EmulatedUser user = wx.createUser(ACCOUNT.appId(), null);
        wx.follow(user.openid(), null);
        Delivery text = wx.sendText(user.openid(), "报价");
        assertThat(server.pushed(1, TextMessage.class).content()).isEqualTo("报价");
        assertThat(text.reply().content()).isEqualTo("收到：报价");
        server.responder = (r, n) -> server.codec()
                .seal(
                        r.opened(),
                        Reply.news(
                                new Article("一", "", "", "https://example.com/1"),
                                new Article("二", "", "", "https://example.com/2")));
        Delivery news = wx.sendText(user.openid(), "两条");
        assertThat(news.reply().articles()).extracting(NewsArticle::title).containsExactly("一");
        assertThat(wx.chat(user.openid()))
                .extracting(ChatMessage::from)
                .containsExactly("user", "account", "user", "account");
    }

    @Test
    void plain_follow_has_an_empty_event_key_and_unfollow_replies_are_ignored() throws Exception {
        setUp("plain");
        EmulatedUser user = wx.createUser(ACCOUNT.appId(), null);
        wx.follow(user.openid(), "ADD_SCENE_PROFILE_CARD");
        assertThat(server.pushed(0, SubscribeEvent.class).fromQrCode()).isFalse();
        assertThat(server.pushes().get(0).body()).contains("<EventKey><![CDATA[]]></EventKey>");
        server.responder = (r, n) -> "junk";
        Delivery bye = wx.unfollow(user.openid());
        assertThat(bye.outcome()).isEqualTo("ignored");
        assertThat(server.pushes().get(1).opened().message()).isInstanceOf(UnsubscribeEvent.class);
        assertThat(wx.user(user.openid()).following()).isFalse();
    }

    @Test
    void during_a_key_change_a_push_sealed_with_the_previous_key_is_answered_with_it() throws Exception {
        String newKey = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut";
        server = new CallbackServer(ACCOUNT.token(), ACCOUNT.appId(), newKey, ACCOUNT.encodingAesKey());
        wx.createAccount(ACCOUNT.withCallbackUrl(server.url()).withMode("safe"));
        wx.reconfigureAccount(ACCOUNT.appId(), NewAccount.of(null, null).withEncodingAesKey(newKey));
        EmulatedUser user = wx.createUser(ACCOUNT.appId(), null);
        wx.addFault(FaultSpec.pushWithPreviousKey(1));
        assertThat(wx.scanUrl(user.openid(), issueCode("old-key").get("url").asString())
                        .outcome())
                .isEqualTo("replied");
        assertThat(wx.scanUrl(user.openid(), issueCode("new-key").get("url").asString())
                        .outcome())
                .isEqualTo("replied");
        assertThat(server.pushes())
                .extracting(r -> r.opened().keySlot())
                .containsExactly(
                        com.wxqr.mp.crypto.MessageCrypto.KeySlot.PREVIOUS,
                        com.wxqr.mp.crypto.MessageCrypto.KeySlot.CURRENT);
    }

    @Test
    void menu_click_and_view_are_pushed_and_a_click_opens_the_window() throws Exception {
        setUp("compatible");
        EmulatedUser user = wx.createUser(ACCOUNT.appId(), null);
        wx.follow(user.openid(), null);
        server.responder = (r, n) -> server.codec().seal(r.opened(), Reply.text("菜单"));
        Delivery click = wx.clickMenu(user.openid(), "MY_QUOTES");
        assertThat(click.outcome()).isEqualTo("replied");
        assertThat(server.pushed(1, ClickEvent.class).key()).isEqualTo("MY_QUOTES");
        Delivery view = wx.viewMenu(user.openid(), "https://example.com/menu");
        assertThat(view.outcome()).isEqualTo("ignored");
        assertThat(server.pushed(2, ViewEvent.class).url()).isEqualTo("https://example.com/menu");
        assertThat(wx.chat(user.openid())).extracting(ChatMessage::content).containsExactly("菜单");
    }

    @Test
    void url_verification_reports_a_server_that_does_not_echo() throws Exception {
        server = new CallbackServer("anotherToken", ACCOUNT.appId(), ACCOUNT.encodingAesKey());
        EmulatedAccount account = wx.createAccount(ACCOUNT.withCallbackUrl(server.url()));
        assertThat(account.verification().attempted()).isTrue();
        assertThat(account.verification().verified()).isFalse();
        assertThat(account.verification().detail()).contains("echostr");
        UrlVerification nowhere = wx.reconfigureAccount(
                        ACCOUNT.appId(),
                        new NewAccount(null, null, null, null, "http://localhost:1/wechat", null, null, null, null))
                .verification();
        assertThat(nowhere.verified()).isFalse();
        assertThat(nowhere.detail()).startsWith("connection failed");
    }
}
