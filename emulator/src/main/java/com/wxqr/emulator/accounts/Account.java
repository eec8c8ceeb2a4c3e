package com.wxqr.emulator.accounts;

import com.wxqr.emulator.EmulatedAccount;
import com.wxqr.emulator.MenuItem;
import com.wxqr.emulator.UrlVerification;
import java.util.List;

/**
 * One emulated Official Account. The callback configuration can be replaced as a whole (as when the
 * developer saves the server settings again); identity fields never change.
 */
public final class Account {

    /** The callback configuration; {@code mode} is {@code plain}, {@code compatible} or {@code safe}. */
    public record Config(
            String secret, String token, String encodingAesKey, String callbackUrl, String mode, String oauthDomain) {}

    private final String appId;
    private final String originalId;
    private final String name;
    private final String openidPrefix;
    private volatile Config config;
    private volatile String previousEncodingAesKey;
    private String quotaClearMonth;
    private int quotaClears;
    private volatile List<MenuItem> menu = List.of();
    private volatile UrlVerification verification = new UrlVerification(false, false, 0, "no callback URL");

    Account(String appId, String originalId, String name, Config config) {
        this.appId = appId;
        this.originalId = originalId;
        this.name = name;
        this.config = config;
        // Real openids of one account share a short prefix; five characters derived from the AppID.
        this.openidPrefix = Integer.toHexString(appId.hashCode() | 0x10000000).substring(0, 5);
    }

    public String appId() {
        return appId;
    }

    public String originalId() {
        return originalId;
    }

    public String name() {
        return name;
    }

    /** The custom menu the phone shows; empty when none is set. */
    public List<MenuItem> menu() {
        return menu;
    }

    public void menu(List<MenuItem> items) {
        this.menu = List.copyOf(items);
    }

    public String openidPrefix() {
        return openidPrefix;
    }

    public Config config() {
        return config;
    }

    void config(Config config) {
        Config old = this.config;
        if (old.encodingAesKey() != null && !old.encodingAesKey().equals(config.encodingAesKey())) {
            previousEncodingAesKey = old.encodingAesKey();
        }
        this.config = config;
    }

    /** Counts one {@code clear_quota} in the month (e.g. {@code 2026-11}); false when 10 were made already. */
    public synchronized boolean countQuotaClear(String month) {
        if (!month.equals(quotaClearMonth)) {
            quotaClearMonth = month;
            quotaClears = 0;
        }
        if (quotaClears >= 10) {
            return false;
        }
        quotaClears++;
        return true;
    }

    /** The EncodingAESKey before the last change, or null (spec §2.1: developers keep both). */
    public String previousEncodingAesKey() {
        return previousEncodingAesKey;
    }

    public UrlVerification verification() {
        return verification;
    }

    public void verification(UrlVerification v) {
        this.verification = v;
    }

    /** The public view, with credentials (the control API's creator needs them). */
    public EmulatedAccount view() {
        Config c = config;
        return new EmulatedAccount(
                appId,
                c.secret(),
                c.token(),
                c.encodingAesKey(),
                c.callbackUrl(),
                c.mode(),
                originalId,
                name,
                c.oauthDomain(),
                verification);
    }
}
