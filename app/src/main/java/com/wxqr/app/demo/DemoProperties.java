package com.wxqr.app.demo;

import com.wxqr.app.system.Settings;
import com.wxqr.app.wechat.WeChatProperties;
import com.wxqr.mp.callback.MessageMode;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded demo ({@code wxqr.demo.*}): when it runs (see {@link com.wxqr.app.wechat.DemoMode})
 * the WeChat emulator runs in this process on {@code emulator-port} (0 = any free port) with a demo
 * account whose callback is this app, pushing in {@code encryption-mode} ({@code plain},
 * {@code compatible} or {@code safe}; blank: {@code wxqr.wechat.message-mode}, else {@code safe}).
 * Whether the demo runs ({@code wxqr.demo.enabled}) is decided before these are bound, by
 * {@link com.wxqr.app.system.DemoMode}.
 *
 * @param emulatorPort port of the in-process emulator (0 = any free port)
 * @param encryptionMode how the demo account pushes, and so the app's message mode in the demo:
 *     plain, compatible or safe; blank: wxqr.wechat.message-mode, else safe. Set to another mode
 *     than wxqr.wechat.message-mode, the start stops.
 */
@ConfigurationProperties("wxqr.demo")
public record DemoProperties(
        @DefaultValue("8081") int emulatorPort,
        @DefaultValue("") String encryptionMode) {

    public DemoProperties {
        if (emulatorPort < 0 || emulatorPort > 65535) {
            throw new IllegalArgumentException("wxqr.demo.emulator-port must be a TCP port (0 for any free port)");
        }
        encryptionMode = Settings.stripped(encryptionMode).toLowerCase(Locale.ROOT);
        if (!encryptionMode.isEmpty() && !WeChatProperties.MESSAGE_MODES.contains(encryptionMode)) {
            throw new IllegalArgumentException(
                    "wxqr.demo.encryption-mode must be plain, compatible or safe, not '" + encryptionMode + "'");
        }
    }

    /**
     * The mode the demo account pushes in and the app expects: the one of {@code encryption-mode}
     * and {@code wxqr.wechat.message-mode} that is set, {@code safe} when neither is.
     *
     * @throws IllegalArgumentException naming both settings when they are set to different modes
     */
    MessageMode messageMode(WeChatProperties weChat) {
        String app = weChat.messageMode();
        if (!encryptionMode.isEmpty() && !app.isEmpty() && !encryptionMode.equals(app)) {
            throw new IllegalArgumentException("wxqr.demo.encryption-mode=" + encryptionMode
                    + " and wxqr.wechat.message-mode=" + app + " disagree: the demo account must push in the mode "
                    + "the app expects; set one of them, or both to the same mode");
        }
        String mode = !encryptionMode.isEmpty() ? encryptionMode : !app.isEmpty() ? app : "safe";
        return MessageMode.valueOf(mode.toUpperCase(Locale.ROOT));
    }
}
