package com.wxqr.app.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded demo ({@code wxqr.demo.*}): when enabled (the default) the WeChat emulator runs in
 * this process on {@code emulator-port} (0 = any free port) with a demo account whose callback is
 * this app, pushing in {@code encryption-mode} ({@code plain}, {@code compatible} or {@code safe}).
 */
@ConfigurationProperties("wxqr.demo")
public record DemoProperties(@DefaultValue("true") boolean enabled, @DefaultValue("8081") int emulatorPort,
        @DefaultValue("safe") String encryptionMode) {

    public DemoProperties {
        if (emulatorPort < 0 || emulatorPort > 65535) {
            throw new IllegalArgumentException("wxqr.demo.emulator-port must be a TCP port (0 for any free port)");
        }
        encryptionMode = encryptionMode == null ? "safe" : encryptionMode.strip().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("plain", "compatible", "safe").contains(encryptionMode)) {
            throw new IllegalArgumentException(
                    "wxqr.demo.encryption-mode must be plain, compatible or safe, not '" + encryptionMode + "'");
        }
    }
}
