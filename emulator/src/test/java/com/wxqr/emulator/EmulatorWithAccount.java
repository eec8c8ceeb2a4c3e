package com.wxqr.emulator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the emulator's own tests, registered on an instance field: for each test a fresh emulator (through
 * {@link WeChatEmulatorExtension}) with one account already created in it, closed after the test.
 */
final class EmulatorWithAccount implements BeforeEachCallback, AfterEachCallback {

    private final WeChatEmulatorExtension emulator;
    private final NewAccount account;

    EmulatorWithAccount(NewAccount account) {
        this(EmulatorSettings.defaults(), account);
    }

    EmulatorWithAccount(EmulatorSettings settings, NewAccount account) {
        this.emulator = new WeChatEmulatorExtension(settings);
        this.account = account;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.beforeEach(context);
        emulator.emulator().createAccount(account);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        emulator.afterEach(context);
    }

    /** The running emulator; {@link IllegalStateException} outside a test. */
    WeChatEmulator emulator() {
        return emulator.emulator();
    }

    /** A new access_token of the account, as {@code GET /cgi-bin/token} issues it. */
    String accessToken() {
        return TestHttp.accessToken(emulator(), account.appId(), account.secret());
    }
}
