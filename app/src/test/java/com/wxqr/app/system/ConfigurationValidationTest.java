package com.wxqr.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.wxqr.app.WxqrApplication;
import com.wxqr.app.wechat.WeChatProperties;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Invalid settings stop the start with a sentence that names the setting and never shows a secret. */
class ConfigurationValidationTest {
    static final String KEY_42 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ012345";

    static String startFailure(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--server.port=0";
        all[1] = "--management.server.port=0";
        all[2] = "--wxqr.demo.emulator-port=0";
        all[3] = "--spring.datasource.url=jdbc:h2:mem:config-" + UnguessableId.nextAlphanumeric();
        System.arraycopy(args, 0, all, 4, args.length);
        Throwable failure = catchThrowable(() -> {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(WxqrApplication.class).run(all);
            context.close();
        });
        assertThat(failure).as("the start should have failed").isNotNull();
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void a42CharacterEncodingAesKeyStopsTheStartWithoutPrintingIt(CapturedOutput output) {
        String failure = startFailure("--wxqr.wechat.encoding-aes-key=" + KEY_42);
        assertThat(output.getAll())
                .contains("wxqr.wechat.encoding-aes-key must be exactly 43")
                .doesNotContain(KEY_42);
        assertThat(failure)
                .contains("wxqr.wechat.encoding-aes-key must be exactly 43 letters or digits")
                .contains("it has 42 characters")
                .doesNotContain(KEY_42);
    }

    @Test
    void realWeChatWithoutAnAppIdStopsTheStartNamingTheSetting() {
        String failure = startFailure(
                "--wxqr.demo.enabled=false",
                "--wxqr.wechat.app-secret=s3cr3tValue",
                "--wxqr.wechat.token=abcd",
                "--wxqr.public-url=https://quote.example.com");
        assertThat(failure).contains("wxqr.wechat.app-id must be set").doesNotContain("s3cr3tValue");
    }

    @Test
    void anUnknownDeliveryModeStopsTheStart() {
        assertThat(startFailure("--wxqr.delivery.mode=email"))
                .contains("wxqr.delivery.mode")
                .contains("email");
    }

    @Test
    void anOutboxLeaseNotLongerThanTheCallTimeoutStopsTheStart() {
        assertThat(startFailure("--wxqr.delivery.lease=10s", "--wxqr.wechat.call-timeout=10s"))
                .contains("wxqr.delivery.lease (10s) must be longer than wxqr.wechat.call-timeout (10s)");
    }

    @Test
    void anUnknownTokenEndpointStopsTheStart() {
        assertThat(startFailure("--wxqr.wechat.token-endpoint=both"))
                .contains("wxqr.wechat.token-endpoint must be stable or classic");
    }

    @Test
    void secretsAreMaskedWhenTheSettingsArePrinted() {
        WeChatProperties properties = new WeChatProperties(
                "wx0123456789abcdef",
                "theAppSecret",
                "theToken",
                "ypwLvILaUpXS3m7D6SdhgPS8MVVkdNfWQjyrHRcQk2j",
                "",
                java.net.URI.create("https://api.weixin.qq.com"),
                java.net.URI.create("https://mp.weixin.qq.com"),
                java.net.URI.create("https://open.weixin.qq.com"),
                java.time.Duration.ZERO,
                "safe",
                "stable");
        assertThat(properties.toString())
                .contains("wx0123456789abcdef")
                .doesNotContain("theAppSecret")
                .doesNotContain("theToken")
                .doesNotContain("ypwLvILa");
    }

    @Test
    void aPathInFrameAncestorsStopsTheStartNamingTheSetting() {
        assertThat(startFailure("--wxqr.frame-ancestors=http://localhost:8090/phone"))
                .contains("wxqr.frame-ancestors must list origins, each http(s)://host with an optional :port")
                .contains("http://localhost:8090/phone");
    }
}
