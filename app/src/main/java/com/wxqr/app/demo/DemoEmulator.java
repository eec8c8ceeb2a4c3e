package com.wxqr.app.demo;

import com.wxqr.app.profile.InWeChatRule;
import com.wxqr.app.web.PageSources;
import com.wxqr.app.wechat.DemoMode;
import com.wxqr.app.wechat.WeChatAccount;
import com.wxqr.app.wechat.WeChatProperties;
import com.wxqr.emulator.EmulatedAccount;
import com.wxqr.emulator.MenuItem;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import com.wxqr.mp.callback.MessageMode;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded demo: the WeChat emulator in this process ({@code wxqr.demo.emulator-port}) with a
 * demo account whose callback is this app, registered once the web server listens. Active when
 * {@link DemoMode} says so: asked for, or no account configured. The demo credentials are fixed,
 * public and worthless outside the emulator; a configured AppSecret with the demo on stops the
 * start, since the demo would point that account's API calls at the emulator.
 */
@Component
@Conditional(DemoMode.On.class)
public class DemoEmulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoEmulator.class);

    static final String APP_ID = "wx421e65533de9316e";
    static final String APP_SECRET = "a49ee3dabe42815e7e5d2a1b8e2ccecc";
    static final String TOKEN = "wxqrdemotoken";
    static final String ENCODING_AES_KEY = "ypwLvILaUpXS3m7D6SdhgPS8MVVkdNfWQjyrHRcQk2j";
    static final String DEMO_USER = "小微";

    private final MessageMode messageMode;
    private final WeChatEmulator emulator;
    private WeChatAccount account;

    DemoEmulator(DemoProperties properties, WeChatProperties configured) {
        if (!configured.appSecret().isEmpty()) {
            throw new IllegalStateException("wxqr.demo.enabled=true and wxqr.wechat.app-secret are both set, but the "
                    + "demo would send that account's calls to the in-process emulator: remove wxqr.demo.enabled to "
                    + "use the account, or wxqr.wechat.app-secret to run the demo");
        }
        this.messageMode = properties.messageMode(configured);
        this.emulator = WeChatEmulator.start(properties.emulatorPort());
    }

    /** The running emulator (tests drive users and faults through it). */
    public WeChatEmulator emulator() {
        return emulator;
    }

    /**
     * The account the app uses: configured AppID, Token and EncodingAESKeys where given, demo values
     * otherwise, the demo AppSecret, the emulator's URLs, and the mode the demo account pushes in.
     */
    @Bean
    synchronized WeChatAccount weChatAccount(WeChatProperties configured) {
        if (account == null) {
            URI base = emulator.baseUrl();
            account = new WeChatAccount(
                    or(configured.appId(), APP_ID),
                    APP_SECRET,
                    or(configured.token(), TOKEN),
                    messageMode == MessageMode.PLAIN
                            ? configured.encodingAesKey()
                            : or(configured.encodingAesKey(), ENCODING_AES_KEY),
                    configured.previousEncodingAesKey(),
                    base,
                    base,
                    base,
                    configured.signatureMaxAge(),
                    messageMode);
        }
        return account;
    }

    /** The app id of the demo account. */
    public synchronized String appId() {
        return account.appId();
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    /** A link tapped on the emulator's phone page counts as opened inside WeChat. */
    @Bean
    InWeChatRule demoPhoneReferer() {
        String phoneOrigin = emulator.baseUrl().toString();
        return (userAgent, referer) -> referer != null && referer.startsWith(phoneOrigin);
    }

    /**
     * The phone page frames the quote page (its in-WeChat browser) and serves the emulated avatars,
     * from the emulator's origin, as localhost or 127.0.0.1.
     */
    @Bean
    PageSources demoPhonePage() {
        URI base = emulator.baseUrl();
        List<String> origins = List.of(
                base.getScheme() + "://localhost:" + base.getPort(),
                base.getScheme() + "://127.0.0.1:" + base.getPort());
        return new PageSources(origins, origins);
    }

    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        WeChatAccount a;
        synchronized (this) {
            a = account;
        }
        if (a == null || event.getApplicationContext().getServerNamespace() != null) {
            return; // no account in use yet, or a separate management server started
        }
        String callback = "http://localhost:" + event.getWebServer().getPort() + "/wechat/callback";
        NewAccount spec = NewAccount.of(a.appId(), a.appSecret())
                .withToken(a.token())
                .withEncodingAesKey(a.encodingAesKey().isEmpty() ? null : a.encodingAesKey())
                .withCallbackUrl(callback)
                .withMode(a.messageMode().name().toLowerCase(Locale.ROOT))
                .withName("焕新家装修")
                .withOriginalId("gh_9a8b7c6d5e4f");
        boolean exists =
                emulator.accounts().stream().anyMatch(x -> x.settings().appId().equals(a.appId()));
        EmulatedAccount created = exists ? emulator.reconfigureAccount(a.appId(), spec) : emulator.createAccount(spec);
        if (!exists) {
            emulator.createUser(a.appId(), DEMO_USER);
        }
        // the custom menu item that the push handling answers with the follower's quotes (MyQuotes.MENU_KEY)
        emulator.setMenu(a.appId(), List.of(MenuItem.click("我的报价", "MY_QUOTES")));
        log.info(
                "Demo mode: WeChat emulator at {} with account {} ({} mode), callback {} verified: {}",
                emulator.baseUrl(),
                a.appId(),
                a.messageMode(),
                callback,
                created.verification().verified());
        log.info("Demo mode: open the phone page at {} to scan the QR code", emulator.url("/phone"));
    }

    @Override
    public void close() {
        emulator.close();
    }
}
