package com.wxqr.emulator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the emulator's own tests, registered on an instance field: for each test a fresh emulator (through
 * {@link WeChatEmulatorExtension}) with one account already created in it, and, {@link #withDeveloper}, the
 * developer's {@link CallbackServer} as the account's callback URL; all closed after the test.
 */
final class EmulatorWithAccount implements BeforeEachCallback, AfterEachCallback {

    private final WeChatEmulatorExtension emulator;
    private final NewAccount account;
    private final boolean withDeveloper;
    private CallbackServer developer;
    private EmulatedAccount created;

    /** An account whose AppID and AppSecret the emulator generates, for tests that need any account. */
    EmulatorWithAccount() {
        this(NewAccount.of(null, null));
    }

    EmulatorWithAccount(NewAccount account) {
        this(EmulatorSettings.defaults(), account);
    }

    EmulatorWithAccount(EmulatorSettings settings, NewAccount account) {
        this(settings, account, false);
    }

    private EmulatorWithAccount(EmulatorSettings settings, NewAccount account, boolean withDeveloper) {
        this.emulator = new WeChatEmulatorExtension(settings);
        this.account = account;
        this.withDeveloper = withDeveloper;
    }

    /** The account's pushes go to a developer's server that verifies, decrypts and answers them. */
    static EmulatorWithAccount withDeveloper(EmulatorSettings settings, NewAccount account) {
        return new EmulatorWithAccount(settings, account, true);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        emulator.beforeEach(context);
        NewAccount spec = account;
        if (withDeveloper) {
            developer = new CallbackServer(account);
            spec = account.withCallbackUrl(developer.url());
        }
        created = emulator.emulator().createAccount(spec);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        emulator.afterEach(context);
        if (developer != null) {
            developer.close();
            developer = null;
        }
    }

    /** The running emulator; {@link IllegalStateException} outside a test. */
    WeChatEmulator emulator() {
        return emulator.emulator();
    }

    /** The developer's server; {@link IllegalStateException} without {@link #withDeveloper}. */
    CallbackServer developer() {
        if (developer == null) {
            throw new IllegalStateException("no developer server: create the fixture withDeveloper(...)");
        }
        return developer;
    }

    /** The account's AppID (generated when the fixture was given none). */
    String appId() {
        return created.settings().appId();
    }

    /** A new access_token of the account, as {@code GET /cgi-bin/token} issues it. */
    String accessToken() {
        return TestHttp.accessToken(
                emulator(), created.settings().appId(), created.settings().secret());
    }
}
