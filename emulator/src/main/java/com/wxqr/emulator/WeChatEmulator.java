package com.wxqr.emulator;

import com.sun.net.httpserver.HttpServer;
import com.wxqr.emulator.http.ControlException;
import com.wxqr.emulator.http.Router;
import com.wxqr.emulator.users.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An offline WeChat platform on a real HTTP server: the api, mp and open hosts on one base URL, the JSON
 * control API under {@code /emulator/}, and the phone page at {@code /phone}. Shaped like MockWebServer:
 *
 * <pre>{@code
 * try (WeChatEmulator wx = WeChatEmulator.start()) {
 *     EmulatedAccount account = wx.createAccount(NewAccount.of("wx0123456789abcdef", "secret")
 *             .withCallbackUrl("http://localhost:8080/wechat/callback").withMode("safe"));
 *     EmulatedUser user = wx.createUser(account.settings().appId(), "小明");
 *     // point the client's api, mp and open base URLs at wx.baseUrl(), create a code, then:
 *     Delivery d = wx.scanUrl(user.openid(), qrUrl);
 * }
 * }</pre>
 *
 * The Java methods do what the control API does and throw {@link IllegalArgumentException} (bad input),
 * {@link java.util.NoSuchElementException} (unknown account, user or code) or {@link IllegalStateException}
 * (the action does not fit the state, e.g. following twice or scanning an expired code) where the control API answers 4xx. Thread-safe.
 */
public final class WeChatEmulator implements AutoCloseable {

    /** The user agent of WeChat's built-in browser (Android) with which the emulated users open pages. */
    public static final String WECHAT_USER_AGENT = InWeChatBrowser.USER_AGENT;

    private static final AtomicInteger THREADS = new AtomicInteger();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each answer waits ~40 ms
        // for a delayed ACK. Read once by the JDK when its first server starts; a value set by the user wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Platform platform;
    private final HttpServer server;
    private final ExecutorService executor;
    private final InWeChatBrowser browser;
    private final URI baseUrl;

    private WeChatEmulator(EmulatorSettings settings, int port) throws IOException {
        this.platform = new Platform(settings);
        this.server = HttpServer.create(new InetSocketAddress(settings.bindHost(), port), 512);
        this.executor = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "wechat-emulator-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        this.baseUrl = URI.create(
                "http://" + settings.publicHost() + ":" + server.getAddress().getPort());
        platform.baseUrl(baseUrl);
        Router router = new Router();
        ApiHost api = new ApiHost(platform);
        api.register(router);
        OpenHost open = new OpenHost(platform);
        open.register(router, api::wechat);
        this.browser = new InWeChatBrowser(platform, open);
        new ControlApi(platform, open, browser).register(router);
        server.createContext("/", router);
        server.start();
    }

    /** Starts on a free port with the default settings. */
    public static WeChatEmulator start() {
        return start(EmulatorSettings.defaults(), 0);
    }

    /** Starts on {@code port} (0 = any free port) with the default settings. */
    public static WeChatEmulator start(int port) {
        return start(EmulatorSettings.defaults(), port);
    }

    public static WeChatEmulator start(EmulatorSettings settings) {
        return start(settings, 0);
    }

    /** Starts; {@link UncheckedIOException} when the port cannot be bound. */
    public static WeChatEmulator start(EmulatorSettings settings, int port) {
        Objects.requireNonNull(settings, "settings == null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        try {
            return new WeChatEmulator(settings, port);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + settings.bindHost() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The base URL of all three hosts, e.g. {@code http://localhost:41234}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code baseUrl()} plus a path such as {@code /cgi-bin/token}. */
    public URI url(String path) {
        return baseUrl.resolve(path.startsWith("/") ? path : "/" + path);
    }

    public int port() {
        return baseUrl.getPort();
    }

    public EmulatorSettings settings() {
        return platform.settings;
    }

    /** Stops the server at once; pending requests are cut. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- time

    /** Moves the emulator's time forward (token lifetimes, code expiry, windows). */
    public void advanceClock(Duration amount) {
        platform.clock.advance(amount);
    }

    /** The emulator's clock. */
    public EmulatorClock clock() {
        return platform.clock;
    }

    // ---- accounts

    /** Creates an account and, with a callback URL, runs the URL verification (see {@link EmulatedAccount#verification()}). */
    public EmulatedAccount createAccount(NewAccount spec) {
        return call(() -> platform.createAccount(spec));
    }

    /** Replaces parts of an account's configuration (null fields are kept) and verifies the callback URL again. */
    public EmulatedAccount reconfigureAccount(String appId, NewAccount changes) {
        return call(() -> platform.reconfigure(appId, changes));
    }

    /** Runs the URL verification of the account's callback URL again. */
    public UrlVerification verifyCallbackUrl(String appId) {
        return call(() -> platform.verify(appId));
    }

    /**
     * Fetches a {@code /cgi-bin/token} token as another system on the AppID would, at any moment:
     * the classic token before it keeps the grace period, older ones die, stable tokens are untouched.
     *
     * @return the new token's value
     * @throws IllegalStateException once the account's daily {@code /cgi-bin/token} quota is used up
     */
    public String fetchTokenAsAnotherSystem(String appId) {
        return call(() -> platform.fetchTokenAsAnotherSystem(appId)).value();
    }

    /**
     * Makes the account verified (已认证) or not, and sets its IP whitelist (null: none, every caller
     * allowed). Unverified: 48001 from {@code qrcode/create} and the code exchange; outside the
     * whitelist: 40164 naming the caller's IP from the token endpoints and {@code qrcode/create}.
     *
     * @return the account, secrets masked
     */
    public EmulatedAccount restrictAccount(String appId, boolean verified, List<String> ipWhitelist) {
        return call(() -> {
            platform.restrict(appId, verified, ipWhitelist);
            return ControlApi.masked(platform.accounts.require(appId));
        });
    }

    /** Every account, secrets masked. */
    public List<EmulatedAccount> accounts() {
        return platform.accounts.all().stream().map(ControlApi::masked).toList();
    }

    // ---- users

    /** Creates a user of the account (nickname null = a generated one). */
    public EmulatedUser createUser(String appId, String nickname) {
        return call(() -> platform.createUser(appId, nickname, null));
    }

    public EmulatedUser user(String openid) {
        return call(() -> platform.users.require(openid).view());
    }

    public List<EmulatedUser> users(String appId) {
        return platform.users.list(appId).stream().map(User::view).toList();
    }

    /** The user scans the code with this {@code weixin.qq.com/q/} URL; returns what was pushed and what the user saw. */
    public Delivery scanUrl(String openid, String url) {
        Objects.requireNonNull(url, "url == null");
        return call(() -> platform.scan(openid, url, null, null, true));
    }

    /**
     * The user scans the code; a non-follower then sees the account's profile page and, with {@code follow}, taps
     * 关注公众号 at once; without it the page stays open and nothing is pushed (outcome {@code not_followed}) until
     * {@link #follow} (a {@code subscribe} with the code's scene) or {@link #leaveProfilePage} (返回, nothing pushed).
     */
    public Delivery scanUrl(String openid, String url, boolean follow) {
        Objects.requireNonNull(url, "url == null");
        return call(() -> platform.scan(openid, url, null, null, follow));
    }

    /** The user taps 返回 on the account's profile page a scan opened; nothing is pushed. Returns whether one was open. */
    public boolean leaveProfilePage(String openid) {
        return call(() -> platform.leaveProfilePage(openid));
    }

    /** The user changes their nickname; their avatar stays. */
    public EmulatedUser changeNickname(String openid, String nickname) {
        Objects.requireNonNull(nickname, "nickname == null");
        return call(() -> platform.changeProfile(openid, nickname, false));
    }

    /** The user picks a new avatar: a new {@code headimgurl}, and the old one answers 404 from now on. */
    public EmulatedUser changeAvatar(String openid) {
        return call(() -> platform.changeProfile(openid, null, true));
    }

    /**
     * With {@code on}, the user's {@code snsapi_userinfo} authorizations that would ask for consent open as snapshot
     * pages (快照页): no consent page, and the code's exchange answers {@code is_snapshotuser: 1} with a virtual openid
     * and, from {@code /sns/userinfo}, a virtual profile — until the user taps 使用完整服务 ({@link #useFullService}).
     */
    public EmulatedUser snapshotPages(String openid, boolean on) {
        return call(() -> platform.snapshotPages(openid, on));
    }

    /** The user taps 使用完整服务 on the last snapshot page and answers the consent page with {@code consent}. */
    public OpenResult useFullService(String openid, boolean consent) {
        return call(() -> browser.useFullService(openid, consent));
    }

    /** Sets the account's custom menu (shown by the phone; at most 3 items). */
    public List<MenuItem> setMenu(String appId, List<MenuItem> items) {
        return call(() -> platform.setMenu(appId, items));
    }

    public Delivery scanTicket(String openid, String ticket) {
        Objects.requireNonNull(ticket, "ticket == null");
        return call(() -> platform.scan(openid, null, ticket, null, true));
    }

    /** The user scans a picture of a code (PNG, JPEG...), decoded with ZXing. */
    public Delivery scanImage(String openid, byte[] image) {
        Objects.requireNonNull(image, "image == null");
        return call(() -> platform.scan(openid, null, null, image, true));
    }

    /**
     * The user picks a picture of a code from the album in 扫一扫 (从相册选取二维码图片); a non-follower then sees the
     * account's profile page and, with {@code follow}, taps 关注公众号 at once (as {@link #scanUrl(String, String,
     * boolean)}).
     */
    public Delivery scanImage(String openid, byte[] image, boolean follow) {
        Objects.requireNonNull(image, "image == null");
        return call(() -> platform.scan(openid, null, null, image, follow));
    }

    /**
     * The user long-presses an image on a page inside WeChat and taps 识别图中二维码: the image at {@code imageUrl}
     * ({@code http(s)}, fetched as this user, or a {@code data:} URL) is decoded and scanned, as
     * {@link #scanUrl(String, String, boolean)} scans a URL: a non-follower sees the account's profile page (and with
     * {@code follow} taps 关注公众号 at once), a follower's {@code SCAN} is pushed.
     */
    public Delivery recognize(String openid, String imageUrl, boolean follow) {
        Objects.requireNonNull(imageUrl, "imageUrl == null");
        return call(() -> browser.recognize(openid, imageUrl, follow));
    }

    /**
     * The user follows: from the profile page a scan left open ({@link #scanUrl(String, String, boolean)}), a
     * {@code subscribe} with that code's {@code qrscene_<scene>}; otherwise a plain follow with {@code scene}
     * (null = {@code ADD_SCENE_SEARCH}).
     */
    public Delivery follow(String openid, String scene) {
        return call(() -> platform.follow(openid, scene));
    }

    public Delivery unfollow(String openid) {
        return call(() -> platform.unfollow(openid));
    }

    /** The user taps a custom-menu item of type click: a {@code CLICK} push with the key; opens a 3-message window. */
    public Delivery clickMenu(String openid, String key) {
        return call(() -> platform.menu(openid, "click", key));
    }

    /** The user taps a custom-menu item of type view: a {@code VIEW} push with the URL. */
    public Delivery viewMenu(String openid, String url) {
        return call(() -> platform.menu(openid, "view", url));
    }

    /** The user writes a text message to the account. */
    public Delivery sendText(String openid, String content) {
        return call(() -> platform.write(openid, content));
    }

    /**
     * Adds a one-time subscription-notification template to the account, as chosen under 订阅通知; {@code content}
     * names the data keys as {@code {{thing1.DATA}}}. Returns the template with its {@code priTmplId}.
     */
    public com.wxqr.emulator.subscribe.SubscribeTemplate addSubscribeTemplate(
            String appId, String title, String content) {
        return addSubscribeTemplate(appId, null, title, content);
    }

    /** As {@link #addSubscribeTemplate(String, String, String)} under a given id (an app configured with it). */
    public com.wxqr.emulator.subscribe.SubscribeTemplate addSubscribeTemplate(
            String appId, String priTmplId, String title, String content) {
        return call(() ->
                platform.subscribeTemplates.add(platform.accounts.require(appId).appId(), priTmplId, title, content));
    }

    /** The user answers the {@code wx-open-subscribe} popup for the template: pushes {@code subscribe_msg_popup_event}. */
    public Delivery answerSubscribePopup(String openid, String templateId, boolean accept) {
        return call(() -> platform.subscribePopup(openid, templateId, accept));
    }

    public List<ChatMessage> chat(String openid) {
        return call(() -> platform.users.require(openid).chat());
    }

    /** Opens a link inside WeChat as the user, consenting to web authorization. */
    public OpenResult open(String openid, String url) {
        return open(openid, url, true);
    }

    /** Opens a link inside WeChat as the user; {@code consent=false} refuses a consent screen. */
    public OpenResult open(String openid, String url, boolean consent) {
        return call(() -> browser.open(openid, url, consent));
    }

    /**
     * Submits a form of the page the user has open inside WeChat: POSTs {@code form} (URL-encoded)
     * to {@code url} with the user's cookies, then follows redirects as {@link #open} does.
     */
    public OpenResult submit(String openid, String url, Map<String, String> form) {
        return call(() -> browser.submit(openid, url, form));
    }

    /** Codes of the account (all accounts when null) that have not expired, newest first. */
    public List<IssuedQrCode> qrCodes(String appId) {
        return platform.qrCodes.live(appId, platform.now()).stream()
                .map(com.wxqr.emulator.qrcode.QrCode::view)
                .toList();
    }

    // ---- faults and the log

    public FaultSpec addFault(FaultSpec fault) {
        return call(() -> platform.addFault(fault));
    }

    public List<FaultSpec> faults() {
        return platform.faults.pending();
    }

    public void clearFaults() {
        platform.faults.clear();
    }

    /** Every call served on a WeChat host and every push or verification sent, oldest first. */
    public List<CallRecord> calls() {
        return platform.calls.list(null);
    }

    /** Calls served on (or pushes sent to) this path. */
    public List<CallRecord> calls(String path) {
        return platform.calls.list(path);
    }

    public void clearCalls() {
        platform.calls.clear();
    }

    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ControlException e) {
            switch (e.status()) {
                case 404 -> throw new java.util.NoSuchElementException(e.getMessage());
                case 400, 413 -> throw new IllegalArgumentException(e.getMessage());
                default -> throw new IllegalStateException(e.getMessage());
            }
        }
    }
}
