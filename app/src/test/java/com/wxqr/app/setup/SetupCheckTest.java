package com.wxqr.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.RunningApp;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The setup check (接入检查) against the emulator, with the app running and its public URL on its
 * own port: each broken part of the account's wiring is named with its fix. One app serves every
 * test; each test breaks the account in the emulator (WeChat's side), where it can be changed live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupCheckTest {
    static final String APP_ID = "wx5e7c8ec45e7c8ec4";
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    static final String TOKEN = "setuptoken";
    static final NewAccount ACCOUNT =
            NewAccount.of(APP_ID, SECRET).withToken(TOKEN).withMode("plain");

    final WeChatEmulator wx = WeChatEmulator.start(0);
    final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);
    RunningApp app;
    SetupCheck check;

    @BeforeAll
    void start() throws IOException {
        wx.createAccount(ACCOUNT);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        app = RunningApp.start(
                wx, ACCOUNT, database, "server.port=" + port, "wxqr.public-url=http://127.0.0.1:" + port);
        wx.reconfigureAccount(APP_ID, NewAccount.of(null, null).withCallbackUrl(app.callbackUrl()));
        check = app.bean(SetupCheck.class);
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        wx.close();
        database.close();
    }

    @BeforeEach
    void rightAtWeChat() {
        wx.restrictAccount(APP_ID, true, null);
        wx.reconfigureAccount(APP_ID, NewAccount.of(null, SECRET).withToken(TOKEN));
    }

    static SetupFinding finding(List<SetupFinding> findings, String item) {
        return findings.stream()
                .filter(f -> f.item().startsWith(item))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + item + " in " + findings));
    }

    @Test
    @Order(1)
    void aRightAccountPassesEveryCallAndTheConsoleOnlyItemsAreNamed() {
        List<SetupFinding> findings = check.run();

        assertThat(finding(findings, "AppID").ok()).isTrue();
        assertThat(finding(findings, "账号类型").ok()).isTrue();
        assertThat(finding(findings, "服务器地址").ok()).as("%s", findings).isTrue();
        assertThat(finding(findings, "Token / EncodingAESKey").ok()).isTrue();
        SetupFinding scheme = finding(findings, "公开地址");
        assertThat(scheme.ok()).isFalse();
        assertThat(scheme.sentence()).contains("not https").contains("wxqr.public-url");
        SetupFinding domain = finding(findings, "网页授权域名");
        assertThat(domain.kind()).isEqualTo(SetupFinding.Kind.CONSOLE);
        assertThat(domain.sentence()).contains("cannot be read through the API").contains("is 127.0.0.1 ");
        assertThat(finding(findings, "消息加解密方式").sentence()).contains("明文模式");
        assertThat(findings.toString()).doesNotContain(SECRET).doesNotContain(TOKEN);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SetupCheckCommand.print(findings, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("[!!] 公开地址")
                .contains("[ok] AppID")
                .contains("[console] 网页授权域名");
    }

    @Test
    @Order(2)
    void aCallerOutsideTheIpWhitelistIsToldWhichAddressToAddAndWhere() {
        wx.restrictAccount(APP_ID, true, List.of("203.0.113.7"));

        SetupFinding credentials = finding(check.run(), "AppID");

        assertThat(credentials.ok()).isFalse();
        assertThat(credentials.sentence())
                .contains("40164")
                .contains("add 127.0.0.1 in")
                .contains("IP白名单");
    }

    @Test
    @Order(3)
    void anUnverifiedAccountIsToldParametricCodesNeedAVerifiedServiceAccount() {
        wx.restrictAccount(APP_ID, false, null);

        List<SetupFinding> findings = check.run();

        assertThat(finding(findings, "AppID").ok()).isTrue();
        SetupFinding type = finding(findings, "账号类型");
        assertThat(type.ok()).isFalse();
        assertThat(type.sentence()).contains("48001").contains("已认证的服务号").contains("web authorization");
    }

    @Test
    @Order(4)
    void aWrongAppSecretIsNamedWithWhereToCopyTheRightOne() {
        wx.reconfigureAccount(APP_ID, NewAccount.of(null, "fedcba9876543210fedcba9876543210"));

        SetupFinding credentials = finding(check.run(), "AppID");

        assertThat(credentials.ok()).isFalse();
        assertThat(credentials.sentence())
                .contains("AppSecret (40125)")
                .contains("开发者密码(AppSecret)")
                .contains("wxqr.wechat.app-secret");
    }

    @Test
    @Order(5) // last: the refused push stays counted for the app's lifetime
    void aTokenInTheConsoleOtherThanWxqrsIsNamedOnceWeChatsPushesAreRefused() {
        wx.reconfigureAccount(APP_ID, NewAccount.of(null, null).withToken("consoletoken"));
        EmulatedUser user = wx.createUser(APP_ID, "访客");
        assertThat(wx.follow(user.openid(), "ADD_SCENE_SEARCH").outcome()).isEqualTo("notice");

        SetupFinding token = finding(check.run(), "Token / EncodingAESKey");

        assertThat(token.ok()).isFalse();
        assertThat(token.sentence())
                .contains("differs from wxqr.wechat.token")
                .contains("服务器配置")
                .doesNotContain("consoletoken")
                .doesNotContain(TOKEN);
    }
}
