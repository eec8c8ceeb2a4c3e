package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.qrcode.QrImages;
import com.wxqr.emulator.wxjava.WxJavaConfigs;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import me.chanjar.weixin.common.bean.WxOAuth2UserInfo;
import me.chanjar.weixin.common.bean.oauth2.WxOAuth2AccessToken;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutNewsMessage;
import me.chanjar.weixin.mp.bean.result.WxMpQrCodeTicket;
import me.chanjar.weixin.mp.bean.result.WxMpUser;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WxJava, the most used Java WeChat SDK, pointed at the emulator: its API calls, token retry, QR picture
 * URL, web authorization, and its own safe-mode push decryption and encrypted replies.
 */
class WxJavaClientTest {

    private static final String APP_ID = "wxb0b0b0b0b0b0b0b0";
    private static final String SECRET = "secretB";
    private static final String TOKEN = "tokenB";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private WeChatEmulator wx;
    private HttpServer server;
    private WxMpService service;
    private WxMpDefaultConfigImpl config;
    private final List<WxMpXmlMessage> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        wx = WeChatEmulator.start(
                EmulatorSettings.builder().pushTimeout(Duration.ofSeconds(3)).build());
        config = WxJavaConfigs.against(wx, APP_ID, SECRET);
        config.setToken(TOKEN);
        config.setAesKey(AES_KEY);
        service = new WxMpServiceImpl();
        service.setWxMpConfigStorage(config);

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/wx", ex -> {
            Map<String, String> q = Exchange.parseQuery(ex.getRequestURI().getRawQuery());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer;
            if (ex.getRequestMethod().equals("GET")) {
                answer = service.checkSignature(q.get("timestamp"), q.get("nonce"), q.get("signature"))
                        ? q.get("echostr")
                        : "no";
            } else {
                WxMpXmlMessage in = WxMpXmlMessage.fromEncryptedXml(
                        body, config, q.get("timestamp"), q.get("nonce"), q.get("msg_signature"));
                received.add(in);
                WxMpXmlOutNewsMessage.Item item = new WxMpXmlOutNewsMessage.Item();
                item.setTitle("WxJava " + in.getEventKey());
                item.setDescription("d");
                item.setPicUrl("https://example.com/p.png");
                item.setUrl("https://example.com/q");
                answer = WxMpXmlOutMessage.NEWS()
                        .addArticle(item)
                        .fromUser(in.getToUser())
                        .toUser(in.getFromUser())
                        .build()
                        .toEncryptedXml(config);
            }
            TestHttp.answer(ex, null, answer);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        wx.close();
        server.stop(0);
    }

    @Test
    void wxjava_talks_to_every_host_and_opens_and_answers_safe_mode_pushes() throws Exception {
        EmulatedAccount account = wx.createAccount(NewAccount.of(APP_ID, SECRET)
                .withToken(TOKEN)
                .withEncodingAesKey(AES_KEY)
                .withCallbackUrl("http://localhost:" + server.getAddress().getPort() + "/wx")
                .withMode("safe"));
        assertThat(account.verification().verified()).isTrue();

        assertThat(service.getAccessToken()).hasSizeGreaterThan(100);
        WxMpQrCodeTicket ticket = service.getQrcodeService().qrCodeCreateTmpTicket("wxjava-1", 600);
        assertThat(ticket.getExpireSeconds()).isEqualTo(600);
        String picture = service.getQrcodeService().qrCodePictureUrl(ticket.getTicket());
        assertThat(QrImages.decode(TestHttp.getBytes(URI.create(picture)).body()))
                .isEqualTo(ticket.getUrl());

        EmulatedUser user = wx.createUser(APP_ID, "小王");
        Delivery d = wx.scanUrl(user.openid(), ticket.getUrl());
        assertThat(d.outcome()).as("%s", d).isEqualTo("replied");
        assertThat(d.reply().articles().get(0).title()).isEqualTo("WxJava qrscene_wxjava-1");
        // WxJava's first push is slow on a loaded machine; a retry (as WeChat does) is the same push
        assertThat(received).hasSizeBetween(1, d.attempts().size()).allSatisfy(m -> {
            assertThat(m.getEvent()).isEqualTo("subscribe");
            assertThat(m.getTicket()).isEqualTo(ticket.getTicket());
            assertThat(m.getFromUser()).isEqualTo(user.openid());
        });

        WxMpUser info = service.getUserService().userInfo(user.openid());
        assertThat(info.getSubscribe()).isTrue();
        assertThat(info.getQrSceneStr()).isEqualTo("wxjava-1");
        assertThat(info.getSubscribeScene()).isEqualTo("ADD_SCENE_QR_CODE");

        // WxJava refreshes its token once on 40001: the send goes through after another server took the token.
        wx.addFault(FaultSpec.invalidateToken(APP_ID));
        assertThat(service.getKefuService()
                        .sendKefuMessage(WxMpKefuMessage.NEWS()
                                .toUser(user.openid())
                                .addArticle(article("客服图文"))
                                .build()))
                .isTrue();
        assertThat(wx.chat(user.openid()).get(1).via()).isEqualTo("customer_service");

        String authorize =
                service.getOAuth2Service().buildAuthorizationUrl("https://example.com/cb", "snsapi_userinfo", "s1");
        assertThat(authorize).startsWith(wx.baseUrl() + "/connect/oauth2/authorize?appid=" + APP_ID);
        OpenResult opened = openUntilRedirectTarget(user.openid(), authorize);
        String code =
                Exchange.parseQuery(URI.create(opened.finalUrl()).getRawQuery()).get("code");
        WxOAuth2AccessToken webToken = service.getOAuth2Service().getAccessToken(code);
        assertThat(webToken.getOpenId()).isEqualTo(user.openid());
        WxOAuth2UserInfo profile = service.getOAuth2Service().getUserInfo(webToken, "zh_CN");
        assertThat(profile.getNickname()).isEqualTo("小王");
        assertThat(profile.getHeadImgUrl()).isEqualTo(user.headimgurl());
    }

    /** Opens the authorize URL; the redirect target (example.com) is not reachable, so stop at the emulator's answer. */
    private OpenResult openUntilRedirectTarget(String openid, String authorize) {
        HttpServer landing;
        try {
            landing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 5);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        landing.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        landing.start();
        try {
            String local = authorize.replace(
                    java.net.URLEncoder.encode("https://example.com/cb", StandardCharsets.UTF_8),
                    java.net.URLEncoder.encode(
                            "http://localhost:" + landing.getAddress().getPort() + "/cb", StandardCharsets.UTF_8));
            return wx.open(openid, local);
        } finally {
            landing.stop(0);
        }
    }

    private static WxMpKefuMessage.WxArticle article(String title) {
        WxMpKefuMessage.WxArticle a = new WxMpKefuMessage.WxArticle();
        a.setTitle(title);
        a.setDescription("d");
        a.setUrl("https://example.com/a");
        a.setPicUrl("https://example.com/p.png");
        return a;
    }
}
