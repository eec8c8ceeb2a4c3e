package com.wxqr.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension running a {@link WeChatEmulator}. Registered on a static field
 * ({@code @RegisterExtension static WeChatEmulatorExtension wx = new WeChatEmulatorExtension();}) or with
 * {@code @ExtendWith(WeChatEmulatorExtension.class)} on the class, one emulator serves the whole class;
 * registered on an instance field, each test gets a fresh one. Test methods may declare a
 * {@link WeChatEmulator} parameter. The emulator is closed after the class (or the test).
 */
public final class WeChatEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(WeChatEmulatorExtension.class);

    private final EmulatorSettings settings;
    private volatile WeChatEmulator emulator;

    public WeChatEmulatorExtension() {
        this(EmulatorSettings.defaults());
    }

    public WeChatEmulatorExtension(EmulatorSettings settings) {
        this.settings = settings;
    }

    /** The running emulator; {@link IllegalStateException} outside a test. */
    public WeChatEmulator emulator() {
        WeChatEmulator e = emulator;
        if (e == null) {
            throw new IllegalStateException("the emulator runs only while a test of the class runs");
        }
        return e;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = WeChatEmulator.start(settings);
        context.getStore(NS).put("perClass", Boolean.TRUE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        running();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Boolean perClass = context.getParent()
                .map(p -> p.getStore(NS).get("perClass", Boolean.class))
                .orElse(null);
        if (perClass == null) {
            stop();
        }
    }

    private void stop() {
        WeChatEmulator e = emulator;
        emulator = null;
        if (e != null) {
            e.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WeChatEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running();
    }

    /** The emulator of the class (started before all) or of this test, started on first need. */
    private WeChatEmulator running() {
        WeChatEmulator e = emulator;
        if (e == null) {
            e = WeChatEmulator.start(settings);
            emulator = e;
        }
        return e;
    }
}
