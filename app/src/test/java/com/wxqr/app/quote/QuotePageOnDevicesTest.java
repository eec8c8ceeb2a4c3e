package com.wxqr.app.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.emulator.WeChatEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/** The quote page tells where it is shown, and the code can be saved under a name that says what it is. */
@SafePassiveApp
class QuotePageOnDevicesTest {
    static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    @Autowired
    MockMvc mvc;

    String id;

    @BeforeEach
    void priceAQuote() throws Exception {
        String body = mvc.perform(post("/api/quotes")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"usableArea\":89,\"layout\":\"3-2\",\"grade\":\"standard\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        id = JsonMapper.builder().build().readTree(body).get("id").asString();
    }

    String page(String userAgent) throws Exception {
        var request = get("/quotes/" + id);
        if (userAgent != null) {
            request.header(HttpHeaders.USER_AGENT, userAgent);
        }
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void thePageSaysWhereItIsShownAndOffersEveryWayOnlyThroughTheDevicesStyles() throws Exception {
        assertThat(page(WeChatEmulator.WECHAT_USER_AGENT))
                .contains("data-device=\"wechat\"")
                .contains("识别二维码后请点击「关注公众号」");
        assertThat(page(SAFARI_ON_IPHONE)).contains("data-device=\"mobile\"").contains("扫码后请点击「关注公众号」");
        String pc = page("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/124.0.0.0 Safari/537.36");
        assertThat(pc)
                .contains("data-device=\"pc\"")
                .contains("打开微信“扫一扫”，关注公众号后立即收到报价卡片")
                .containsPattern(
                        "id=\"scan-page-url\" type=\"text\" readonly(=\"readonly\")? value=\"http://localhost:\\d+/quotes/"
                                + id + "\"")
                .as("a waiting quote does not send the visitor to the chat yet")
                .contains("id=\"back-to-chat\" hidden=\"hidden\"")
                .contains("download=\"wechat-qr-quote-" + id + ".png\"");
        assertThat(page(null)).contains("data-device=\"pc\"");
    }

    @Test
    void theCodeIsAnAttachmentOnlyWhenAskedToBeSaved() throws Exception {
        MvcResult shown = mvc.perform(get("/quotes/" + id + "/qr.png")).andReturn();
        assertThat(shown.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
                .isNull();
        MvcResult saved =
                mvc.perform(get("/quotes/" + id + "/qr.png?download=true")).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(200);
        assertThat(saved.getResponse().getContentType()).isEqualTo("image/png");
        assertThat(saved.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"wechat-qr-quote-" + id + ".png\"");
        assertThat(saved.getResponse().getContentAsByteArray())
                .isEqualTo(shown.getResponse().getContentAsByteArray());
        assertThat(mvc.perform(get("/quotes/" + id + "/qr.png?download=maybe"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("a bad flag is the client's mistake")
                .isEqualTo(400);
    }
}
