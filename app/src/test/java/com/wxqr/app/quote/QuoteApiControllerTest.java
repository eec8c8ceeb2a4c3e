package com.wxqr.app.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.wxqr.app.demo.DemoEmulator;
import com.wxqr.app.system.SafePassiveApp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SafePassiveApp
class QuoteApiControllerTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String QUOTE = "{\"usableArea\":89,\"layout\":\"3-2\",\"grade\":\"standard\"}";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoEmulator demo;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    static MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request, String address) {
        return request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }

    JsonNode create(String address) throws Exception {
        String body = mvc.perform(from(post("/api/quotes"), address)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(QUOTE))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JSON.readTree(body);
    }

    @Test
    void creatingAQuoteAnswersPricesTheQrCodeAndThePageLink() throws Exception {
        JsonNode quote = create("192.0.2.1");
        String id = quote.get("id").asString();
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(quote.get("buildingArea").decimalValue()).isEqualByComparingTo("111.25");
        assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("61187.50");
        assertThat(quote.get("marketPrice").decimalValue()).isEqualByComparingTo("81212.50");
        assertThat(quote.get("saving").decimalValue()).isEqualByComparingTo("20025.00");
        assertThat(quote.get("lines")).hasSize(5);
        assertThat(quote.get("pageUrl").asString()).endsWith("/q/" + id);
        assertThat(quote.get("status").get("status").asString()).isEqualTo("waiting");
        JsonNode qr = quote.get("qr");
        assertThat(qr.get("url").asString()).startsWith("http://weixin.qq.com/q/");
        assertThat(java.time.Instant.parse(qr.get("expiresAt").asString()))
                .isBetween(
                        java.time.Instant.now().plusSeconds(29 * 60),
                        java.time.Instant.now().plusSeconds(31 * 60));

        // the PNG is rendered here and encodes the ticket's URL
        byte[] png = mvc.perform(get(qr.get("imageUrl").asString()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        String decoded = new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
        assertThat(decoded).isEqualTo(qr.get("url").asString());

        // the scene is random, never the quote id, and is what WeChat was asked for
        String scene = jdbc.sql("select scene_str from qr_code where quote_id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(scene).isNotEqualTo(id).doesNotContain(id).hasSize(22);
        assertThat(demo.emulator().qrCodes(demo.appId())).anySatisfy(code -> {
            assertThat(code.scene()).isEqualTo(scene);
            assertThat(code.actionName()).isEqualTo("QR_STR_SCENE");
        });
    }

    @Test
    void aReloadReusesTheValidCodeWithoutAskingWeChatAgain() throws Exception {
        JsonNode quote = create("192.0.2.2");
        String id = quote.get("id").asString();
        int creates = demo.emulator().calls("/cgi-bin/qrcode/create").size();
        mvc.perform(get("/quotes/" + id)).andExpect(status().isOk());
        mvc.perform(get("/quotes/" + id)).andExpect(status().isOk());
        mvc.perform(post("/api/quotes/" + id + "/qr"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.url").value(quote.get("qr").get("url").asString()));
        assertThat(demo.emulator().calls("/cgi-bin/qrcode/create")).hasSize(creates);
    }

    @Test
    void whenWeChatIssuesNoCodeTheQuoteIsKeptAndACodeCanBeAskedForAgain() throws Exception {
        demo.emulator().addFault(com.wxqr.emulator.FaultSpec.error("/cgi-bin/qrcode/create", 45009, 1));
        JsonNode quote = create("192.0.2.4");
        String id = quote.get("id").asString();
        assertThat(quote.get("qr").isNull()).isTrue();
        assertThat(quote.get("qrProblem").asString()).isEqualTo("暂时无法生成二维码，请稍后点击刷新重试");
        mvc.perform(post("/api/quotes/" + id + "/qr"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.url").isNotEmpty());
        assertThat(meters.counter(
                                "wxqr.wechat.api.calls", "api", "qrcode/create", "outcome", "error", "errcode", "45009")
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void theStatusCanBePolled() throws Exception {
        String id = create("192.0.2.3").get("id").asString();
        mvc.perform(get("/api/quotes/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status.status").value("waiting"))
                .andExpect(jsonPath("$.status.message").value("等待扫码…"));
        mvc.perform(get("/api/quotes/AAAAAAAAAAAAAAAAAAAAAA")).andExpect(status().isNotFound());
    }

    @Test
    void invalidInputGetsFieldMessagesInChineseAndStoresNothing() throws Exception {
        int before = jdbc.sql("select count(*) from quote").query(Integer.class).single();
        mvc.perform(post("/api/quotes")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"usableArea\":5000,\"layout\":\"3-2\",\"grade\":\"gold\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields.usableArea").value("套内面积应在 10 到 1000 平方米之间"))
                .andExpect(jsonPath("$.fields.grade").value("请选择列表中的装修档次"));
        mvc.perform(post("/api/quotes").contentType(MediaType.APPLICATION_JSON).content("{\"usableArea\":\"x\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("请求格式不正确，请检查后重试"));
        assertThat(jdbc.sql("select count(*) from quote").query(Integer.class).single())
                .isEqualTo(before);
    }

    @Test
    void oneClientCannotDrainTheQrQuota() throws Exception {
        for (int i = 0; i < 25; i++) {
            create("198.51.100.9");
        }
        int before = jdbc.sql("select count(*) from quote").query(Integer.class).single();
        mvc.perform(from(post("/api/quotes"), "198.51.100.9")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(QUOTE))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.message").value("操作太频繁，请稍后再试"));
        assertThat(jdbc.sql("select count(*) from quote").query(Integer.class).single())
                .isEqualTo(before);
        create("198.51.100.10"); // another client is not affected
    }
}
