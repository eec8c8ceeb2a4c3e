package com.wxqr.emulator.accounts;

import com.wxqr.emulator.EmulatedAccount;
import com.wxqr.emulator.UrlVerification;

/**
 * One emulated Official Account. The callback configuration can be replaced as a whole (as when the
 * developer saves the server settings again); identity fields never change.
 */
public final class Account {

    /** The callback configuration; {@code mode} is {@code plain}, {@code compatible} or {@code safe}. */
    public record Config(String secret, String token, String encodingAesKey, String callbackUrl, String mode,
                         String oauthDomain) {
    }

    private final String appId;
    private final String originalId;
    private final String name;
    private final String openidPrefix;
    private volatile Config config;
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

    public String openidPrefix() {
        return openidPrefix;
    }

    public Config config() {
        return config;
    }

    void config(Config config) {
        this.config = config;
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
        return new EmulatedAccount(appId, c.secret(), c.token(), c.encodingAesKey(), c.callbackUrl(), c.mode(),
                originalId, name, c.oauthDomain(), verification);
    }
}
