package com.wxqr.app.system;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded demo: the WeChat emulator in this process with a demo account whose callback is
 * this app. Active unless {@code wxqr.demo.enabled=false}. The demo credentials are fixed,
 * public and worthless outside the emulator; configured {@code wxqr.wechat.*} values win.
 */
@Component
@ConditionalOnProperty(name = "wxqr.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoEmulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoEmulator.class);

    static final String APP_ID = "wx421e65533de9316e";
    static final String APP_SECRET = "a49ee3dabe42815e7e5d2a1b8e2ccecc";
    static final String TOKEN = "wxqrdemotoken";
    static final String ENCODING_AES_KEY = "ypwLvILaUpXS3m7D6SdhgPS8MVVkdNfWQjyrHRcQk2j";

    private final DemoProperties properties;
    private WeChatAccount account;

    DemoEmulator(DemoProperties properties) {
        this.properties = properties;
    }

    /** The account the app uses: configured values where given, demo values otherwise, the emulator's URLs. */
    synchronized WeChatAccount account(WeChatProperties configured) {
        if (account == null) {
            URI base = URI.create("http://localhost:" + properties.emulatorPort());
            account = new WeChatAccount(or(configured.appId(), APP_ID), or(configured.appSecret(), APP_SECRET),
                    or(configured.token(), TOKEN), or(configured.encodingAesKey(), ENCODING_AES_KEY),
                    configured.previousEncodingAesKey(), base, base, base, configured.signatureMaxAge());
        }
        return account;
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        log.info("Demo mode: the WeChat emulator's phone page is at http://localhost:{}/phone", properties.emulatorPort());
    }

    @Override
    public void close() {
    }
}
