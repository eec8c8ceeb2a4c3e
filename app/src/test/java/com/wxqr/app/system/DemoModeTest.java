package com.wxqr.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.app.WxqrApplication;
import com.wxqr.app.demo.DemoEmulator;
import com.wxqr.app.quote.SampleQuotes;
import com.wxqr.app.wechat.DemoMode;
import com.wxqr.app.wechat.WeChatAccount;
import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.MessageMode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

/**
 * The demo runs only when asked for or when no account is configured; a real deployment must say
 * where it is reached, over https. Each wrong combination stops the start with a sentence naming
 * the settings.
 */
class DemoModeTest {
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    static final String AES_KEY = "ypwLvILaUpXS3m7D6SdhgPS8MVVkdNfWQjyrHRcQk2j";

    @Test
    void theDemoIsOnWhenNothingIsConfiguredAndOffOnceAnAccountIs() {
        assertThat(DemoMode.enabled(new MockEnvironment())).isTrue();
        assertThat(DemoMode.enabled(new MockEnvironment().withProperty("wxqr.wechat.app-id", "wx0123456789abcdef")))
                .isFalse();
        assertThat(DemoMode.enabled(new MockEnvironment().withProperty("wxqr.wechat.app-secret", SECRET)))
                .isFalse();
        assertThat(DemoMode.enabled(new MockEnvironment().withProperty("wxqr.wechat.app-id", " ")))
                .isTrue();
        assertThat(DemoMode.enabled(new MockEnvironment().withProperty("wxqr.demo.enabled", "false")))
                .isFalse();
        assertThat(DemoMode.enabled(new MockEnvironment()
                        .withProperty("wxqr.demo.enabled", "true")
                        .withProperty("wxqr.wechat.app-id", "wx0123456789abcdef")))
                .isTrue();
        assertThatThrownBy(() -> DemoMode.enabled(new MockEnvironment().withProperty("wxqr.demo.enabled", "yes")))
                .hasMessageContaining("wxqr.demo.enabled must be true or false");
    }

    @Test
    void theDemoWithARealAppSecretStopsTheStartNamingBothSettings() {
        String failure = ConfigurationValidationTest.startFailure(
                "--wxqr.demo.enabled=true", "--wxqr.wechat.app-secret=" + SECRET);
        assertThat(failure)
                .contains("wxqr.demo.enabled=true and wxqr.wechat.app-secret are both set")
                .doesNotContain(SECRET);
    }

    @Test
    void withTheDemoOffAPublicUrlIsRequiredAndMustBeHttps() {
        String[] account = {
            "--wxqr.wechat.app-id=wx0123456789abcdef",
            "--wxqr.wechat.app-secret=" + SECRET,
            "--wxqr.wechat.token=realtoken"
        };
        assertThat(ConfigurationValidationTest.startFailure(account))
                .contains("wxqr.public-url must be set when the demo is off");
        assertThat(ConfigurationValidationTest.startFailure(
                        concat(account, "--wxqr.public-url=http://quote.example.com")))
                .contains("wxqr.public-url must start with https:// when the demo is off")
                .contains("wxqr.public-url-allow-http=true");
    }

    @Test
    void messageModesThatCannotWorkStopTheStartNamingTheSettings() {
        assertThat(ConfigurationValidationTest.startFailure(
                        "--wxqr.wechat.app-id=wx0123456789abcdef",
                        "--wxqr.wechat.app-secret=" + SECRET,
                        "--wxqr.wechat.token=realtoken",
                        "--wxqr.public-url=https://quote.example.com",
                        "--wxqr.wechat.message-mode=safe"))
                .contains("wxqr.wechat.message-mode=safe needs wxqr.wechat.encoding-aes-key");
        assertThat(ConfigurationValidationTest.startFailure(
                        "--wxqr.demo.encryption-mode=plain", "--wxqr.wechat.message-mode=safe"))
                .contains("wxqr.demo.encryption-mode=plain and wxqr.wechat.message-mode=safe disagree");
        assertThat(ConfigurationValidationTest.startFailure("--wxqr.wechat.message-mode=encrypted"))
                .contains("wxqr.wechat.message-mode must be plain, compatible or safe");
    }

    @Test
    void theMessageModeSettingReachesTheCodecAndTheDemoAccount() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WxqrApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--wxqr.demo.emulator-port=0",
                        "--spring.datasource.url=jdbc:h2:mem:compatible-" + UnguessableId.nextAlphanumeric(),
                        "--wxqr.wechat.message-mode=compatible");
        try {
            assertThat(context.getBean(CallbackCodec.class).messageMode()).isEqualTo(MessageMode.COMPATIBLE);
            WeChatAccount account = context.getBean(WeChatAccount.class);
            assertThat(account.messageMode()).isEqualTo(MessageMode.COMPATIBLE);
            assertThat(context.getBean(DemoEmulator.class).emulator().accounts())
                    .singleElement()
                    .satisfies(a -> assertThat(a.settings().mode()).isEqualTo("compatible"));
            // compatible accepts a plaintext push (safe would not)
            long t = Instant.now().getEpochSecond();
            var push = CallbackCodec.builder()
                    .token(account.token())
                    .build()
                    .encodePush(
                            "<xml><ToUserName><![CDATA[gh_9a8b7c6d5e4f]]></ToUserName><FromUserName><![CDATA[oCompatible01]]>"
                                    + "</FromUserName><CreateTime>" + t
                                    + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                                    + "<Event><![CDATA[unsubscribe]]></Event></xml>",
                            MessageMode.PLAIN,
                            String.valueOf(t),
                            "77",
                            null);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpResponse<String> answer = new AppClient(port)
                    .send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://localhost:" + port + "/wechat/callback?signature="
                                            + push.query().get("signature") + "&timestamp=" + t + "&nonce=77"))
                            .header("Content-Type", "text/xml")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(push.body()))
                            .build());
            assertThat(answer.statusCode()).isEqualTo(200);
        } finally {
            context.close();
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aConfiguredAccountRunsWithoutTheDemoSafeModeNoFramingAndSecureCookies() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WxqrApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:real-" + UnguessableId.nextAlphanumeric(),
                        "--wxqr.wechat.app-id=wx0123456789abcdef",
                        "--wxqr.wechat.app-secret=" + SECRET,
                        "--wxqr.wechat.token=realtoken",
                        "--wxqr.wechat.encoding-aes-key=" + AES_KEY,
                        "--wxqr.wechat.api-url=http://127.0.0.1:9",
                        "--wxqr.public-url=https://quote.example.com");
        try {
            assertThat(context.getBeansOfType(DemoEmulator.class)).isEmpty();
            WeChatAccount account = context.getBean(WeChatAccount.class);
            assertThat(account.appId()).isEqualTo("wx0123456789abcdef");
            assertThat(account.apiUrl().toString()).isEqualTo("http://127.0.0.1:9");
            assertThat(account.messageMode()).isEqualTo(MessageMode.SAFE);
            assertThat(account.signatureMaxAge()).hasMinutes(5);

            AppClient app = new AppClient(
                    ((WebServerApplicationContext) context).getWebServer().getPort());
            HttpResponse<String> form = app.get("/");
            assertThat(form.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(form.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("frame-ancestors 'none'")
                    .contains("img-src 'self' data: https:;");
            String quoteId = SampleQuotes.store(context.getBean(JdbcClient.class), Instant.now())
                    .publicId();
            // no session anywhere: an anonymous view sets no cookie (the web-authorization cookie's Secure
            // flag on an https public URL is StatelessPageTest')
            assertThat(app.get("/q/" + quoteId).headers().allValues("Set-Cookie"))
                    .isEmpty();
        } finally {
            context.close();
        }
    }
}
