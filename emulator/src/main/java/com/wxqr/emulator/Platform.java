package com.wxqr.emulator;

import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.accounts.Accounts;
import com.wxqr.emulator.accounts.DailyQuotas;
import com.wxqr.emulator.calls.CallLog;
import com.wxqr.emulator.faults.Faults;
import com.wxqr.emulator.http.ControlException;
import com.wxqr.emulator.http.RandomIds;
import com.wxqr.emulator.http.WeChatError;
import com.wxqr.emulator.jssdk.JsApiTickets;
import com.wxqr.emulator.jssdk.PageShares;
import com.wxqr.emulator.oauth.WebAuthorization;
import com.wxqr.emulator.push.CallbackPusher;
import com.wxqr.emulator.push.PushXml;
import com.wxqr.emulator.qrcode.QrCode;
import com.wxqr.emulator.qrcode.QrCodes;
import com.wxqr.emulator.qrcode.QrImages;
import com.wxqr.emulator.subscribe.SubscribeTemplates;
import com.wxqr.emulator.users.User;
import com.wxqr.emulator.users.Users;
import com.wxqr.mp.Article;
import com.wxqr.mp.callback.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The emulated platform's state and the users' actions, shared by the HTTP hosts, the control API and
 * the in-process API.
 */
final class Platform {

    final EmulatorSettings settings;
    final EmulatorClock clock;
    final DailyQuotas quotas;
    final Accounts accounts;
    final QrCodes qrCodes = new QrCodes();
    final Users users = new Users();
    final PageShares pageShares = new PageShares();
    final JsApiTickets jsapiTickets;
    final SubscribeTemplates subscribeTemplates = new SubscribeTemplates();
    final WebAuthorization oauth;
    final Faults faults = new Faults();
    final CallLog calls;
    final HttpClient http;
    final CallbackPusher pusher;
    private volatile URI baseUrl;

    Platform(EmulatorSettings settings) {
        this.settings = settings;
        this.clock = new EmulatorClock(settings.clock());
        this.quotas = new DailyQuotas(clock);
        this.accounts = new Accounts(settings, clock, quotas);
        this.jsapiTickets = new JsApiTickets(accounts, quotas, clock, JsApiTickets.DEFAULT_DAILY_LIMIT);
        this.oauth = new WebAuthorization(settings, clock);
        this.calls = new CallLog(settings.callLogCapacity());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.pushTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.pusher = new CallbackPusher(settings, clock, faults, calls, http);
    }

    void baseUrl(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    URI baseUrl() {
        return baseUrl;
    }

    Instant now() {
        return clock.instant();
    }

    // ---- accounts

    EmulatedAccount createAccount(NewAccount spec) {
        Account account = accounts.create(spec == null ? NewAccount.of(null, null) : spec);
        account.verification(pusher.verify(account));
        return account.view();
    }

    /** Replaces the account's custom menu (what the phone shows under the chat); at most 3 items. */
    List<MenuItem> setMenu(String appId, List<MenuItem> items) {
        Account account = accounts.require(appId);
        if (items == null || items.size() > 3) {
            throw new ControlException(400, "a menu has 0 to 3 items");
        }
        for (MenuItem item : items) {
            item.validate();
        }
        account.menu(List.copyOf(items));
        return account.menu();
    }

    EmulatedAccount reconfigure(String appId, NewAccount spec) {
        Account account = accounts.reconfigure(appId, spec);
        account.verification(pusher.verify(account));
        return account.view();
    }

    UrlVerification verify(String appId) {
        Account account = accounts.require(appId);
        UrlVerification v = pusher.verify(account);
        account.verification(v);
        return v;
    }

    /**
     * A {@code /cgi-bin/token} fetch by another system on the AppID, as if it called the endpoint
     * with the account's secret: a new classic token, the previous one keeps the grace period, older
     * ones die; stable tokens are untouched (docs/PROTOCOL.md#stable-access-tokens). 409 once the
     * account's daily quota is used up.
     */
    Accounts.IssuedToken fetchTokenAsAnotherSystem(String appId) {
        Account account = accounts.require(appId);
        try {
            return accounts.issueToken(account);
        } catch (WeChatError e) {
            throw new ControlException(409, "/cgi-bin/token refused the fetch: " + e.getMessage());
        }
    }

    /** Makes the account verified or not and sets its IP whitelist (null: none). */
    void restrict(String appId, boolean verified, List<String> ipWhitelist) {
        Account account = accounts.require(appId);
        if (ipWhitelist != null) {
            for (String ip : ipWhitelist) {
                if (ip == null || !ip.matches("[0-9A-Fa-f.:]{2,45}")) {
                    throw new ControlException(400, "ipWhitelist must hold IP addresses such as 203.0.113.7");
                }
            }
        }
        account.restrict(verified, ipWhitelist);
    }

    // ---- users

    EmulatedUser createUser(String appId, String nickname, String headimgurl) {
        Account account;
        if (appId == null || appId.isBlank()) {
            List<Account> all = accounts.all();
            if (all.size() != 1) {
                throw new ControlException(
                        400,
                        all.isEmpty()
                                ? "create an account first"
                                : "appId is required when there are several accounts");
            }
            account = all.get(0);
        } else {
            account = accounts.require(appId);
        }
        return users.create(account, nickname, headimgurl, baseUrl + "/mmopen/").view();
    }

    // ---- what users do

    /**
     * The user scans a code; exactly one of url, ticket, image identifies it. A follower's scan pushes {@code SCAN}.
     * A non-follower sees the account's profile page: with {@code follow} they tap 关注公众号 at once and
     * {@code subscribe} with {@code qrscene_<scene>} is pushed; without it the page stays open, nothing is pushed
     * (outcome {@code not_followed}), and a later {@link #follow} from that page pushes the {@code subscribe}.
     */
    Delivery scan(String openid, String url, String ticket, byte[] image, boolean follow) {
        User user = users.require(openid);
        QrCode code = scannedCode(url, ticket, image);
        if (!code.appId().equals(user.appId())) {
            throw new ControlException(
                    400,
                    "the code belongs to account " + code.appId() + ", the user to " + user.appId()
                            + ": create a user of that account");
        }
        Instant now = now();
        if (code.expiredAt(now)) {
            throw new ControlException(410, "二维码已过期 (the code expired at " + code.expiresAt() + ")");
        }
        if (!user.following()) {
            user.showProfilePage(code);
            if (!follow) {
                return new Delivery(null, null, code.ticket(), List.of(), "not_followed", null, null, null);
            }
            return subscribeThrough(user, code);
        }
        Account account = accounts.require(code.appId());
        user.interacted(User.Interaction.SCAN, now, settings);
        String xml = PushXml.event(
                account.settings().originalId(), openid, now.getEpochSecond(), "SCAN", code.scene(), code.ticket());
        return push(account, user, xml, "SCAN", code.scene(), code.ticket(), 8);
    }

    private QrCode scannedCode(String url, String ticket, byte[] image) {
        int given = (url != null ? 1 : 0) + (ticket != null ? 1 : 0) + (image != null ? 1 : 0);
        if (given != 1) {
            throw new ControlException(400, "give exactly one of url, ticket or image");
        }
        if (image != null) {
            String text;
            try {
                text = QrImages.decode(image);
            } catch (IllegalArgumentException e) {
                throw new ControlException(400, e.getMessage());
            }
            return ControlException.requireFound(
                    qrCodes.byUrl(text), "the image holds " + text + ", which is no code issued here");
        }
        return ControlException.requireFound(
                url != null ? qrCodes.byUrl(url) : qrCodes.byTicket(ticket),
                "no code issued with this " + (url != null ? "url" : "ticket"));
    }

    /** The user taps 关注公众号 on the profile page a scan of {@code code} opened. */
    private Delivery subscribeThrough(User user, QrCode code) {
        Account account = accounts.require(code.appId());
        Instant now = now();
        user.closeProfilePage();
        if (!user.follow(
                now,
                "ADD_SCENE_QR_CODE",
                code.numeric() ? Long.parseLong(code.scene()) : 0,
                code.numeric() ? "" : code.scene())) {
            throw new ControlException(409, "the user follows the account already");
        }
        user.interacted(User.Interaction.SUBSCRIBE, now, settings);
        String key = "qrscene_" + code.scene();
        String xml = PushXml.event(
                account.settings().originalId(), user.openid(), now.getEpochSecond(), "subscribe", key, code.ticket());
        return push(account, user, xml, "subscribe", key, code.ticket(), 8);
    }

    /**
     * The user follows: from the profile page a scan left open, a {@code subscribe} with the code's
     * {@code qrscene_<scene>} and Ticket ({@code scene} is ignored); otherwise a plain follow with {@code scene}
     * (null = {@code ADD_SCENE_SEARCH}) and an empty EventKey.
     */
    Delivery follow(String openid, String scene) {
        User user = users.require(openid);
        if (user.following()) {
            throw new ControlException(409, "the user follows the account already");
        }
        QrCode fromScan = user.profilePage();
        if (fromScan != null) {
            return subscribeThrough(user, fromScan);
        }
        Account account = accounts.require(user.appId());
        Instant now = now();
        String s = scene == null || scene.isBlank() ? "ADD_SCENE_SEARCH" : scene;
        if (!s.startsWith("ADD_SCENE_")) {
            throw new ControlException(400, "scene must be one of the ADD_SCENE_ values of user/info");
        }
        if (!user.follow(now, s, 0, "")) {
            throw new ControlException(409, "the user follows the account already");
        }
        user.interacted(User.Interaction.SUBSCRIBE, now, settings);
        String xml =
                PushXml.event(account.settings().originalId(), openid, now.getEpochSecond(), "subscribe", "", null);
        return push(account, user, xml, "subscribe", "", null, 8);
    }

    /** The user taps 返回 on the account's profile page: nothing is pushed. Returns whether a page was open. */
    boolean leaveProfilePage(String openid) {
        return users.require(openid).closeProfilePage() != null;
    }

    /** Changes the user's nickname (null keeps it) and, with {@code newAvatar}, their avatar (the old URL dies). */
    EmulatedUser changeProfile(String openid, String nickname, boolean newAvatar) {
        User user = users.require(openid);
        users.changeProfile(user, nickname, newAvatar, baseUrl + "/mmopen/");
        return user.view();
    }

    /** Turns snapshot pages on or off for the user's unconsented {@code snsapi_userinfo} authorizations. */
    EmulatedUser snapshotPages(String openid, boolean on) {
        User user = users.require(openid);
        user.snapshotPages(on);
        return user.view();
    }

    Delivery unfollow(String openid) {
        User user = users.require(openid);
        Account account = accounts.require(user.appId());
        if (!user.unfollow()) {
            throw new ControlException(409, "the user does not follow the account");
        }
        String xml =
                PushXml.event(account.settings().originalId(), openid, now().getEpochSecond(), "unsubscribe", "", null);
        return push(account, user, xml, "unsubscribe", "", null, 8);
    }

    // ---- the JS-SDK in the in-WeChat browser (docs/PROTOCOL.md#js-sdk)

    /** The page open in the user's browser at {@code url} ran {@code wx.config}; answers the client's errMsg. */
    String jsSdkConfig(String openid, String appId, String nonceStr, long timestamp, String signature, String url) {
        User user = users.require(openid);
        String errMsg = user.appId().equals(appId)
                ? jsapiTickets.check(appId, nonceStr, timestamp, signature, url)
                : "config:invalid signature";
        pageShares.configured(openid, url, errMsg);
        return errMsg;
    }

    /**
     * The user shares the page open in their browser with {@code friend} (发送给朋友): the card the page set through
     * {@code updateAppMessageShareData} lands in the friend's chat; a page that set none is sent as its bare link.
     */
    ChatMessage shareToFriend(String openid, String friend) {
        User user = users.require(openid);
        User to = users.require(friend);
        if (openid.equals(friend)) {
            throw new ControlException(400, "choose another user to share with");
        }
        PageShares.PageShare page = pageShares.of(openid);
        if (page == null) {
            throw new ControlException(409, "no page of this user is open in WeChat's browser");
        }
        PageShares.Card card = page.appMessage();
        NewsArticle article = card != null
                ? new NewsArticle(card.title(), card.desc(), card.link(), card.imgUrl())
                : new NewsArticle(page.url(), "", page.url(), null);
        return to.addToChat(now(), "friend", user.view().nickname(), "news", null, List.of(article));
    }

    /** The user writes a text message to the account. */
    Delivery write(String openid, String content) {
        User user = follower(openid);
        Account account = accounts.require(user.appId());
        if (content == null || content.isBlank()) {
            throw new ControlException(400, "content must not be blank");
        }
        Instant now = now();
        user.addToChat(now, "user", null, "text", content, null);
        user.interacted(User.Interaction.MESSAGE, now, settings);
        String xml = PushXml.text(
                account.settings().originalId(), openid, now.getEpochSecond(), content, RandomIds.positiveLong());
        // After a text message only one news article is shown (docs/PROTOCOL.md#news-replies).
        return push(account, user, xml, "text", null, null, 1);
    }

    /**
     * The user taps a custom-menu item: {@code click} pushes {@code CLICK} with the item's key and opens the
     * menu window; {@code view} pushes {@code VIEW} with the URL (WeChat then opens the page; replies are not shown).
     */
    Delivery menu(String openid, String type, String value) {
        User user = follower(openid);
        Account account = accounts.require(user.appId());
        if (value == null || value.isBlank()) {
            throw new ControlException(400, "click needs a key, view needs a url");
        }
        Instant now = now();
        String event;
        if ("click".equals(type)) {
            event = "CLICK";
            user.interacted(User.Interaction.MENU_CLICK, now, settings);
        } else if ("view".equals(type)) {
            event = "VIEW";
        } else {
            throw new ControlException(400, "type must be click or view");
        }
        String xml = PushXml.event(account.settings().originalId(), openid, now.getEpochSecond(), event, value, null);
        return push(account, user, xml, event, value, null, 8);
    }

    /**
     * The user answers the subscription popup of the {@code wx-open-subscribe} open tag on a page
     * (docs/PROTOCOL.md#subscription-notifications): an accept adds one one-time subscription to the template;
     * either answer pushes {@code subscribe_msg_popup_event} with PopupScene 1 (an H5 page).
     */
    Delivery subscribePopup(String openid, String templateId, boolean accept) {
        User user = users.require(openid);
        Account account = accounts.require(user.appId());
        if (subscribeTemplates.find(account.appId(), templateId) == null) {
            throw new ControlException(400, "templateId is not a template of the user's account");
        }
        if (accept) {
            user.subscribed(templateId);
        }
        String status = accept ? "accept" : "reject";
        String xml = com.wxqr.mp.callback.XmlWriter.message(
                        account.settings().originalId(), openid, now().getEpochSecond(), "event")
                .cdata("Event", "subscribe_msg_popup_event")
                .open("SubscribeMsgPopupEvent")
                .open("List")
                .cdata("TemplateId", templateId)
                .cdata("SubscribeStatusString", status)
                .number("PopupScene", 1)
                .close("List")
                .close("SubscribeMsgPopupEvent")
                .end();
        return push(account, user, xml, "subscribe_msg_popup_event", status, null, 8);
    }

    /** The user, who must follow their account (409 otherwise): only followers write or tap the menu. */
    private User follower(String openid) {
        User user = users.require(openid);
        if (!user.following()) {
            throw new ControlException(409, "the user does not follow the account");
        }
        return user;
    }

    private Delivery push(
            Account account, User user, String xml, String event, String key, String ticket, int articleLimit) {
        CallbackPusher.Result r = pusher.deliver(account, xml, user.openid(), articleLimit);
        Instant now = now();
        if (event.equals("unsubscribe") || event.equals("VIEW") || event.equals("subscribe_msg_popup_event")) {
            String outcome = r.outcome() == CallbackPusher.Outcome.NO_CALLBACK ? "no_callback" : "ignored";
            return new Delivery(event, key, ticket, r.attempts(), outcome, null, null, r.detail());
        }
        return switch (r.outcome()) {
            case NO_CALLBACK -> new Delivery(event, key, ticket, r.attempts(), "no_callback", null, null, r.detail());
            case ACCEPTED -> new Delivery(event, key, ticket, r.attempts(), "accepted", null, null, null);
            case REPLIED -> {
                Reply reply = r.reply().reply();
                ChatMessage shown = reply instanceof Reply.News n
                        ? user.addToChat(now, "account", "passive", "news", null, cards(n.articles()))
                        : user.addToChat(now, "account", "passive", "text", ((Reply.Text) reply).content(), null);
                yield new Delivery(event, key, ticket, r.attempts(), "replied", shown, null, null);
            }
            case FAILED -> {
                user.addToChat(now, "system", null, "notice", Delivery.SERVICE_UNAVAILABLE, null);
                yield new Delivery(
                        event, key, ticket, r.attempts(), "notice", null, Delivery.SERVICE_UNAVAILABLE, r.detail());
            }
        };
    }

    static List<NewsArticle> cards(List<Article> articles) {
        return articles.stream()
                .map(a -> new NewsArticle(a.title(), a.description(), a.url(), a.picUrl()))
                .toList();
    }

    // ---- faults

    FaultSpec addFault(FaultSpec spec) {
        if ("invalidate_token".equals(spec.type())) {
            if (spec.appId() == null) {
                throw new ControlException(400, "appId is required for invalidate_token");
            }
            long grace = spec.graceSeconds() == null ? 0 : spec.graceSeconds();
            if (grace < 0) {
                throw new ControlException(400, "graceSeconds must not be negative");
            }
            accounts.invalidateCurrentToken(spec.appId(), Duration.ofSeconds(grace));
            return new FaultSpec("invalidate_token", null, null, null, null, null, spec.appId(), grace);
        }
        return faults.add(spec);
    }
}
