package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static extension field gives the class one emulator, injected as a parameter too. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WeChatEmulatorExtensionTest {

    @RegisterExtension
    static final WeChatEmulatorExtension WX = new WeChatEmulatorExtension();

    @Test
    @Order(1)
    void first_test_creates_an_account(WeChatEmulator wx) {
        assertThat(wx).isSameAs(WX.emulator());
        wx.createAccount(NewAccount.of("wxc0c0c0c0c0c0c0c0", "s"));
        assertThat(TestHttp.get(wx.url("/emulator")).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void second_test_sees_the_same_emulator(WeChatEmulator wx) {
        assertThat(wx.accounts()).extracting(a -> a.settings().appId()).containsExactly("wxc0c0c0c0c0c0c0c0");
        assertThat(wx.baseUrl().toString()).startsWith("http://localhost:");
        assertThat(wx.url("cgi-bin/token").getPath()).isEqualTo("/cgi-bin/token");
    }
}
