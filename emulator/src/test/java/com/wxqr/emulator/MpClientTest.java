package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.qrcode.QrImages;
import com.wxqr.mp.Article;
import com.wxqr.mp.api.OAuthScope;
import com.wxqr.mp.api.OAuthToken;
import com.wxqr.mp.api.OutsideWindowException;
import com.wxqr.mp.api.QrRequest;
import com.wxqr.mp.api.QrTicket;
import com.wxqr.mp.api.UserInfo;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WebUserProfile;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The project's own mp client against the emulator, with plain and stable tokens. */
class MpClientTest {

    private static final String APP_ID = "wxe0e0e0e0e0e0e0e0";
    private static final String SECRET = "secretE";

    @RegisterExtension
    final WeChatEmulatorExtension extension = new WeChatEmulatorExtension();

    private static WeChatClient client(WeChatEmulator wx, boolean stable) {
        return WeChatClients.against(wx, APP_ID, SECRET).stableToken(stable).build();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void qr_scan_messages_user_info_and_token_loss(boolean stable, WeChatEmulator wx) {
        wx.createAccount(NewAccount.of(APP_ID, SECRET));
        try (WeChatClient client = client(wx, stable)) {
            QrTicket qr = client.createQrCode(QrRequest.temporary("quote-9", Duration.ofMinutes(30)));
            assertThat(qr.url()).startsWith("http://weixin.qq.com/q/");
            byte[] png = TestHttp.getBytes(client.showQrCodeUrl(qr.ticket())).body();
            EmulatedUser user = wx.createUser(APP_ID, "小李");
            Delivery d = wx.scanImage(user.openid(), png);
            assertThat(d.eventKey()).isEqualTo("qrscene_quote-9");
            assertThat(QrImages.decode(png)).isEqualTo(qr.url());

            client.sendNews(
                    user.openid(),
                    new Article("报价 Q-9", "三台设备", "https://example.com/p.png", "https://example.com/q/9"));
            if (!stable) {
                wx.addFault(FaultSpec.invalidateToken(APP_ID));
            }
            client.sendText(user.openid(), "您的报价已生成");
            assertThat(wx.chat(user.openid())).extracting(ChatMessage::type).containsExactly("news", "text");

            UserInfo info = client.userInfo(user.openid());
            assertThat(info.subscribed()).isTrue();
            assertThat(info.qrSceneStr()).isEqualTo("quote-9");
            assertThat(info.subscribeScene()).isEqualTo("ADD_SCENE_QR_CODE");

            client.sendText(user.openid(), "third");
            assertThatThrownBy(() -> client.sendText(user.openid(), "fourth"))
                    .isInstanceOfSatisfying(
                            OutsideWindowException.class,
                            e -> assertThat(e.errcode()).isEqualTo(45047));
        }
    }

    @Test
    void web_authorization_round_trip(WeChatEmulator wx) throws Exception {
        wx.createAccount(NewAccount.of(APP_ID, SECRET));
        EmulatedUser user = wx.createUser(APP_ID, "小周");
        try (WeChatClient client = client(wx, false);
                CallbackServer landing = new CallbackServer("unused", APP_ID, null)) {
            URI authorize =
                    client.authorizeUrl(URI.create(landing.pageBase + "/wechat"), OAuthScope.USERINFO, "abc123");
            OpenResult opened = wx.open(user.openid(), authorize.toString());
            var query = Exchange.parseQuery(URI.create(opened.finalUrl()).getRawQuery());
            assertThat(query).containsEntry("state", "abc123");
            OAuthToken token = client.exchangeCode(query.get("code"));
            WebUserProfile profile = client.webUserInfo(token);
            assertThat(profile.openid()).isEqualTo(user.openid());
            assertThat(profile.nickname()).isEqualTo("小周");
            assertThat(client.refreshOAuthToken(token.refreshToken()).openid()).isEqualTo(user.openid());
        }
    }
}
