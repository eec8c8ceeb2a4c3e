package com.wxqr.app.system;

import com.wxqr.app.WxqrApplication;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app as a whole, started in this JVM against an emulator that runs outside it, configured as
 * for real WeChat (demo off), on a database of the test's choosing. Several may share one database:
 * that is several instances of the app.
 */
public final class RunningApp implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private RunningApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the app for {@code account} (its AppID, AppSecret, Token and, unless plaintext, its
     * EncodingAESKey) on {@code db}; {@code settings} are further {@code name=value} properties.
     */
    public static RunningApp start(WeChatEmulator wx, NewAccount account, TestDatabase db, String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--wxqr.demo.enabled=false",
                "--management.server.port=0",
                "--wxqr.public-url-allow-http=true",
                "--wxqr.wechat.app-id=" + account.appId(),
                "--wxqr.wechat.app-secret=" + account.secret(),
                "--wxqr.wechat.token=" + account.token(),
                "--wxqr.wechat.api-url=" + wx.baseUrl(),
                "--wxqr.wechat.mp-url=" + wx.baseUrl(),
                "--wxqr.wechat.open-url=" + wx.baseUrl(),
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password="));
        if (account.encodingAesKey() != null) {
            args.add("--wxqr.wechat.encoding-aes-key=" + account.encodingAesKey());
        }
        if (java.util.Arrays.stream(settings).noneMatch(setting -> setting.startsWith("server.port="))) {
            args.add("--server.port=0");
        }
        if (java.util.Arrays.stream(settings).noneMatch(setting -> setting.startsWith("wxqr.public-url="))) {
            args.add("--wxqr.public-url=http://127.0.0.1"); // a repeated property would be joined with a comma
        }
        for (String setting : settings) {
            args.add("--" + setting);
        }
        return new RunningApp(new SpringApplicationBuilder(WxqrApplication.class).run(args.toArray(String[]::new)));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String callbackUrl() {
        return "http://localhost:" + port() + "/wechat/callback";
    }

    public AppClient client() {
        return new AppClient(port());
    }

    public JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
