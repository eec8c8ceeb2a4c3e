package com.wxqr.emulator.users;

import com.wxqr.emulator.ChatMessage;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.EmulatorSettings;
import com.wxqr.emulator.NewsArticle;
import com.wxqr.emulator.http.WeChatError;
import com.wxqr.emulator.qrcode.QrCode;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One simulated user of one account: follow state, the chat, the customer-service windows
 * (docs/PROTOCOL.md#customer-service-windows) and the cookies of the user's in-WeChat browser. Thread-safe (state
 * guarded by the instance).
 */
public final class User {

    /** The interactions that open a customer-service window (docs/PROTOCOL.md#customer-service-windows). */
    public enum Interaction {
        /** the user sent a message: 5 messages within 48 hours */
        MESSAGE(5, Duration.ofHours(48)),
        /** the user followed: 3 messages within 1 minute */
        SUBSCRIBE(3, Duration.ofMinutes(1)),
        /** the user scanned a parametric code: 3 messages within 1 minute */
        SCAN(3, Duration.ofMinutes(1)),
        /** the user clicked a menu item of type click: 3 messages within 1 minute */
        MENU_CLICK(3, Duration.ofMinutes(1));

        final int quota;
        final Duration validity;

        Interaction(int quota, Duration validity) {
            this.quota = quota;
            this.validity = validity;
        }
    }

    private static final class Window {
        final Interaction kind;
        final Instant expiresAt;
        int remaining;

        Window(Interaction kind, Instant expiresAt, int remaining) {
            this.kind = kind;
            this.expiresAt = expiresAt;
            this.remaining = remaining;
        }
    }

    /**
     * What the user shows of themselves, changed as a whole so a reader never sees a new nickname beside an old avatar.
     *
     * @param avatarId   the id of the avatar the emulator serves under {@code /mmopen/}
     * @param headimgurl the avatar's URL (the emulator's, or one given at creation)
     */
    public record Profile(String nickname, String avatarId, String headimgurl) {}

    private final long seq;
    private final String openid;
    private final String appId;
    private volatile Profile profile;
    private final CookieManager browserCookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    /** Messages kept per chat; older ones are dropped (their seq numbers are not reused). */
    private static final int CHAT_CAPACITY = 1000;

    private final java.util.ArrayDeque<ChatMessage> chat = new java.util.ArrayDeque<>();
    private long lastSeq;
    private final List<Window> windows = new ArrayList<>();
    private final Set<String> consentedScopes = new HashSet<>();
    /** One-time subscriptions left, by template id (docs/PROTOCOL.md#subscription-notifications). */
    private final java.util.Map<String, Integer> subscriptions = new java.util.HashMap<>();

    private boolean following;
    private boolean everInteracted;
    private Instant subscribeTime;
    private String subscribeScene;
    private long qrScene;
    private String qrSceneStr = "";
    /** The code whose scan shows the account's profile page, while that page is open (a non-follower scanned). */
    private QrCode profilePageFrom;

    private boolean snapshotPages;
    private String lastSnapshotAuthorization;
    private boolean fullServiceRequested;

    User(long seq, String openid, String appId, Profile profile) {
        this.seq = seq;
        this.openid = openid;
        this.appId = appId;
        this.profile = profile;
    }

    /** Creation order. */
    public long seq() {
        return seq;
    }

    public String openid() {
        return openid;
    }

    public String appId() {
        return appId;
    }

    public Profile profile() {
        return profile;
    }

    /** A new nickname and/or avatar; changed through {@link Users#changeProfile}, which keeps the avatar index. */
    void profile(Profile changed) {
        this.profile = changed;
    }

    // ---- the account's profile page, shown to a non-follower who scanned a parametric code

    public synchronized void showProfilePage(QrCode from) {
        profilePageFrom = from;
    }

    /** The code whose profile page is open, or null. */
    public synchronized QrCode profilePage() {
        return profilePageFrom;
    }

    /** Closes the profile page (返回 or a follow from it); returns the code it was opened by, or null. */
    public synchronized QrCode closeProfilePage() {
        QrCode from = profilePageFrom;
        profilePageFrom = null;
        return from;
    }

    // ---- snapshot pages (快照页, since 2022-07)

    /** Whether this user's unconsented {@code snsapi_userinfo} authorizations open as snapshot pages. */
    public synchronized boolean snapshotPages() {
        return snapshotPages;
    }

    public synchronized void snapshotPages(boolean on) {
        snapshotPages = on;
    }

    /** Remembers the authorization a snapshot page stands for, so 使用完整服务 can run it for real. */
    public synchronized void snapshotShown(String authorizeUrl) {
        lastSnapshotAuthorization = authorizeUrl;
    }

    public synchronized String lastSnapshotAuthorization() {
        return lastSnapshotAuthorization;
    }

    /** The user tapped 使用完整服务: the next authorization asks for consent instead of opening a snapshot. */
    public synchronized void requestFullService() {
        fullServiceRequested = true;
    }

    /** Whether the next authorization is a full-service one (consumes the request). */
    public synchronized boolean takeFullServiceRequest() {
        boolean requested = fullServiceRequested;
        fullServiceRequested = false;
        return requested;
    }

    public CookieManager browserCookies() {
        return browserCookies;
    }

    public synchronized boolean following() {
        return following;
    }

    public synchronized Instant subscribeTime() {
        return subscribeTime;
    }

    /** Marks the user as following; returns false when already following. */
    public synchronized boolean follow(Instant now, String scene, long qrScene, String qrSceneStr) {
        if (following) {
            return false;
        }
        following = true;
        profilePageFrom = null;
        everInteracted = true;
        subscribeTime = now;
        subscribeScene = scene;
        this.qrScene = qrScene;
        this.qrSceneStr = qrSceneStr;
        return true;
    }

    /** Marks the user as not following and closes every window; returns false when not following. */
    public synchronized boolean unfollow() {
        if (!following) {
            return false;
        }
        following = false;
        subscribeScene = null;
        qrScene = 0;
        qrSceneStr = "";
        windows.clear();
        return true;
    }

    /** Opens the window of an interaction; without stacking it replaces an open window of the same kind. */
    public synchronized void interacted(Interaction kind, Instant now, EmulatorSettings settings) {
        everInteracted = true;
        int carried = 0;
        for (Iterator<Window> it = windows.iterator(); it.hasNext(); ) {
            Window w = it.next();
            if (w.kind == kind) {
                if (settings.stackWindows() && now.isBefore(w.expiresAt)) {
                    carried += w.remaining;
                }
                it.remove();
            }
        }
        windows.add(new Window(kind, now.plus(kind.validity), kind.quota + carried));
    }

    /**
     * Takes one customer-service message from the open windows (the one closing soonest first):
     * 45015 (or the never-followed code) when no window is open, 45047 when open windows are used up.
     */
    public synchronized void takeCustomerServiceSlot(Instant now, EmulatorSettings settings) {
        if (!following) {
            throw WeChatError.of(everInteracted ? 45015 : settings.neverFollowedErrcode());
        }
        windows.removeIf(w -> !now.isBefore(w.expiresAt));
        if (windows.isEmpty()) {
            throw WeChatError.of(45015);
        }
        Window best = null;
        for (Window w : windows) {
            if (w.remaining > 0 && (best == null || w.expiresAt.isBefore(best.expiresAt))) {
                best = w;
            }
        }
        if (best == null) {
            throw WeChatError.of(45047);
        }
        best.remaining--;
    }

    /** The user accepted a one-time subscription to the template: one more notification may be sent. */
    public synchronized void subscribed(String templateId) {
        subscriptions.merge(templateId, 1, Integer::sum);
    }

    /** Takes one subscription to the template for a send; false when none is left (WeChat answers 43101). */
    public synchronized boolean takeSubscription(String templateId) {
        Integer left = subscriptions.get(templateId);
        if (left == null || left == 0) {
            return false;
        }
        subscriptions.put(templateId, left - 1);
        return true;
    }

    public synchronized boolean consented(String scope) {
        return consentedScopes.contains(scope);
    }

    public synchronized void consent(String scope) {
        consentedScopes.add(scope);
    }

    public synchronized ChatMessage addToChat(
            Instant time, String from, String via, String type, String content, List<NewsArticle> articles) {
        ChatMessage m = new ChatMessage(
                ++lastSeq, time, from, via, type, content, articles == null ? List.of() : List.copyOf(articles));
        chat.addLast(m);
        if (chat.size() > CHAT_CAPACITY) {
            chat.removeFirst();
        }
        return m;
    }

    public synchronized List<ChatMessage> chat() {
        return List.copyOf(chat);
    }

    public synchronized EmulatedUser view() {
        Profile p = profile;
        return new EmulatedUser(
                openid,
                appId,
                p.nickname(),
                p.headimgurl(),
                following,
                subscribeScene,
                qrScene,
                qrSceneStr,
                profilePageFrom == null ? null : profilePageFrom.ticket(),
                snapshotPages);
    }
}
