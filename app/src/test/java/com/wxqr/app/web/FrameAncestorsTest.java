package com.wxqr.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.app.WxqrApplication;
import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.UnguessableId;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * {@code wxqr.frame-ancestors}: the origins that may frame the pages (a standalone emulator's phone page,
 * as in {@code deploy/cluster-demo}). Unset, nobody may; set, the Content-Security-Policy names them and no
 * {@code X-Frame-Options} is sent; anything but origins stops the start.
 */
class FrameAncestorsTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String AES_KEY = "ypwLvILaUpXS3m7D6SdhgPS8MVVkdNfWQjyrHRcQk2j";

    static MockHttpServletResponse headers(SecurityHeaders filter) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/"), response, new MockFilterChain());
        return response;
    }

    @Test
    void unsetNoPageMayBeFramed() throws Exception {
        MockHttpServletResponse response = headers(new SecurityHeaders(List.of(), List.of("")));
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Content-Security-Policy")).endsWith("; frame-ancestors 'none'");
    }

    @Test
    void setTheOriginsMayFrameThePagesOfARunningApp() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WxqrApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:frame-" + UnguessableId.nextAlphanumeric(),
                        "--wxqr.wechat.app-id=wx0123456789abcdef",
                        "--wxqr.wechat.app-secret=" + SECRET,
                        "--wxqr.wechat.token=realtoken",
                        "--wxqr.wechat.encoding-aes-key=" + AES_KEY,
                        "--wxqr.wechat.api-url=http://127.0.0.1:9",
                        "--wxqr.public-url=https://quote.example.com",
                        "--wxqr.frame-ancestors= http://localhost:8090 ,HTTPS://Phone.Example.com:8443,,");
        try {
            AppClient app = new AppClient(
                    ((WebServerApplicationContext) context).getWebServer().getPort());
            for (String path : List.of("/", "/q/no-such-quote", "/app.css")) {
                HttpResponse<String> page = app.get(path);
                assertThat(page.headers().firstValue("X-Frame-Options"))
                        .as(path)
                        .isEmpty();
                assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                        .as(path)
                        .endsWith("; frame-ancestors http://localhost:8090 https://phone.example.com:8443");
            }
        } finally {
            context.close();
        }
    }

    @Test
    void theDemosPhonePageAndTheSettingAddUp() throws Exception {
        PageSources phone = new PageSources(List.of("http://localhost:8081"), List.of("http://localhost:8081"));
        MockHttpServletResponse response =
                headers(new SecurityHeaders(List.of(phone), List.of("http://localhost:8090", "http://localhost:8081")));
        assertThat(response.getHeader("X-Frame-Options")).isNull();
        assertThat(response.getHeader("Content-Security-Policy"))
                .endsWith("; frame-ancestors http://localhost:8090 http://localhost:8081");
    }

    @Test
    void anythingButOriginsIsRefused() {
        for (String value : List.of(
                "*",
                "http://*.example.com",
                "'self'",
                "localhost:8090",
                "http://localhost:8090/",
                "http://localhost:8090/phone",
                "http://localhost:8090?x=1",
                "http://user@localhost:8090",
                "ftp://localhost",
                "http://localhost:8090 http://127.0.0.1:8090",
                "http://localhost:70000")) {
            assertThatThrownBy(() -> new SecurityHeaders(List.of(), List.of(value)))
                    .as(value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("wxqr.frame-ancestors must list origins");
        }
    }
}
