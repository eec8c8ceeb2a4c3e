package com.wxqr.emulator.accounts;

import com.wxqr.emulator.EmulatedAccount;
import com.wxqr.emulator.MenuItem;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.UrlVerification;
import java.util.List;

/**
 * One emulated Official Account. Its settings can be replaced as a whole (as when the developer saves the
 * server settings again); AppID, original ID and name never change.
 */
public final class Account {

    private final String appId;
    private final String openidPrefix;
    private volatile NewAccount settings;
    private volatile String previousEncodingAesKey;
    private String quotaClearMonth;
    private int quotaClears;
    private volatile List<MenuItem> menu = List.of();
    private volatile boolean verified = true;
    private volatile List<String> ipWhitelist;
    private volatile UrlVerification verification = new UrlVerification(false, false, 0, "no callback URL");

    /** An account with its settings resolved (see {@link #settings()}). */
    Account(NewAccount settings) {
        this.appId = settings.appId();
        this.settings = settings;
        // Real openids of one account share a short prefix; five characters derived from the AppID.
        this.openidPrefix = Integer.toHexString(appId.hashCode() | 0x10000000).substring(0, 5);
    }

    public String appId() {
        return appId;
    }

    /** The custom menu the phone shows; empty when none is set. */
    public List<MenuItem> menu() {
        return menu;
    }

    public void menu(List<MenuItem> items) {
        this.menu = List.copyOf(items);
    }

    /**
     * Whether the account is a verified service account (已认证的服务号); an unverified one gets 48001
     * from {@code qrcode/create} and the web-authorization code exchange. Default true.
     */
    public boolean verified() {
        return verified;
    }

    /** The IP whitelist (IP白名单), or null when the account has none (then every caller is let in). */
    public List<String> ipWhitelist() {
        return ipWhitelist;
    }

    /** Sets what the control API's restrictions action sets; a null whitelist lets every caller in. */
    public void restrict(boolean verified, List<String> ipWhitelist) {
        this.verified = verified;
        this.ipWhitelist = ipWhitelist == null ? null : List.copyOf(ipWhitelist);
    }

    /**
     * Refuses a caller outside the IP whitelist with 40164, naming its address as WeChat does
     * ({@code invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist}, docs/PROTOCOL.md#error-codes).
     */
    public void requireWhitelisted(String callerIp) {
        List<String> whitelist = ipWhitelist;
        if (whitelist != null && !whitelist.contains(callerIp)) {
            throw new com.wxqr.emulator.http.WeChatError(
                    40164, "invalid ip " + callerIp + " ipv6 ::ffff:" + callerIp + ", not in whitelist");
        }
    }

    /** 48001 unless the account is verified. */
    public void requireVerified() {
        if (!verified) {
            throw com.wxqr.emulator.http.WeChatError.of(48001);
        }
    }

    public String openidPrefix() {
        return openidPrefix;
    }

    /**
     * The current settings, resolved: AppID, AppSecret, Token, mode, original ID and name are never null, the
     * EncodingAESKey is null only in plain mode, a blank callback URL or OAuth domain is null.
     */
    public NewAccount settings() {
        return settings;
    }

    void settings(NewAccount changed) {
        NewAccount old = this.settings;
        if (old.encodingAesKey() != null && !old.encodingAesKey().equals(changed.encodingAesKey())) {
            previousEncodingAesKey = old.encodingAesKey();
        }
        this.settings = changed;
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

    /** The EncodingAESKey before the last change, or null (docs/PROTOCOL.md#message-modes: developers keep both). */
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
        return new EmulatedAccount(settings, verification);
    }
}
