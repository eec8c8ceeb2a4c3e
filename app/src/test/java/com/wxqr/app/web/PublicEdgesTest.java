package com.wxqr.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.AppJourney;
import com.wxqr.app.system.SafePassiveApp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The public port as an attacker sees it: no metrics or health details (those are on the
 * management port), security headers on every page, the quote form rate-limited, no cookie for anonymous views.
 */
@SafePassiveApp
class PublicEdgesTest extends AppJourney {
    @LocalManagementPort
    int managementPort;

    @Autowired
    MockMvc mvc;

    @Test
    void metricsAndHealthDetailsAnswerOnlyOnTheManagementPort() {
        AppClient app = new AppClient(port);
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(app.get("/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(app.get("/actuator/health").statusCode()).isEqualTo(404);
        HttpResponse<String> live = app.get("/livez");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");

        AppClient management = new AppClient(managementPort);
        HttpResponse<String> metrics = management.get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("wxqr_token_refreshes_total").contains("jvm_memory_used_bytes");
        assertThat(management.get("/actuator/health").body())
                .contains("\"status\":\"UP\"")
                .contains("\"db\"");
    }

    @Test
    void everyPageCarriesTheSecurityHeadersAndTheScanPageScriptCarriesTheNonce() {
        AppClient app = new AppClient(port);
        String id = app.createQuote().get("id").asString();
        String phoneOrigin = "http://localhost:" + demo.emulator().baseUrl().getPort();
        for (String path :
                List.of("/", "/quotes/" + id, "/q/" + id, "/no-such-page", "/app.css", "/api/quotes/" + id)) {
            HttpResponse<String> page = app.get(path);
            assertThat(page.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .contains("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp)
                    .as(path)
                    .contains(
                            "default-src 'self'",
                            "style-src 'self'",
                            "connect-src 'self'",
                            "object-src 'none'",
                            "base-uri 'none'",
                            "form-action 'self'",
                            "img-src 'self' data: https: " + phoneOrigin,
                            "frame-ancestors " + phoneOrigin); // the demo phone page frames the quote page
            assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        }
        HttpResponse<String> scanPage = app.get("/quotes/" + id);
        Matcher nonce = Pattern.compile("script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'")
                .matcher(
                        scanPage.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertThat(nonce.find()).isTrue();
        assertThat(scanPage.body()).contains("<script nonce=\"" + nonce.group(1) + "\">");
        assertThat(scanPage.body().split("<script").length - 1).isEqualTo(1);
        String again = app.get("/quotes/" + id)
                .headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow();
        assertThat(again).doesNotContain(nonce.group(1));
    }

    @Test
    void anAnonymousQuotePageViewSetsNoCookie() {
        AppClient app = new AppClient(port);
        String id = app.createQuote().get("id").asString();
        assertThat(app.get("/q/" + id).headers().allValues("Set-Cookie")).isEmpty();
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    int quotes() {
        return jdbc.sql("select count(*) from quote").query(Integer.class).single();
    }

    @Test
    void theTwentyFirstFormPostFromOneClientInTheWindowGets429AndStoresNothing() throws Exception {
        for (int i = 0; i < 20; i++) {
            mvc.perform(post("/quotes")
                            .with(from("198.51.100.21"))
                            .param("usableArea", "89")
                            .param("layout", "3-2")
                            .param("grade", "standard"))
                    .andExpect(status().is3xxRedirection());
        }
        int before = quotes();
        mvc.perform(post("/quotes")
                        .with(from("198.51.100.21"))
                        .param("usableArea", "89")
                        .param("layout", "3-2")
                        .param("grade", "standard"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
                .andExpect(content().string(containsString("提交太频繁了：请稍等几分钟再计算报价。")))
                .andExpect(content().string(containsString("id=\"quote-form\"")));
        assertThat(quotes()).isEqualTo(before);
        mvc.perform(post("/quotes")
                        .with(from("198.51.100.22"))
                        .param("usableArea", "89")
                        .param("layout", "3-2")
                        .param("grade", "standard"))
                .andExpect(status().is3xxRedirection()); // another client is not affected
        String metrics =
                new AppClient(managementPort).get("/actuator/prometheus").body();
        assertThat(metrics).contains("wxqr_requests_refused_total{reason=\"form-rate-limit\"}");
    }
}
