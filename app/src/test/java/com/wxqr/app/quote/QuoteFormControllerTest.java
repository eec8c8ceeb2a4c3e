package com.wxqr.app.quote;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.wxqr.app.system.SafePassiveApp;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@SafePassiveApp
class QuoteFormControllerTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    int quotes() {
        return jdbc.sql("select count(*) from quote").query(Integer.class).single();
    }

    @Test
    void theFormAsksForAreaLayoutAndGradeInChinese() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("套内面积（㎡）")))
                .andExpect(content().string(containsString("三室两厅")))
                .andExpect(content().string(containsString("品质型")));
    }

    static Stream<Arguments> invalidForms() {
        return Stream.of(
                arguments("5", "3-2", "standard", List.of("套内面积应在 10 到 1000 平方米之间")),
                arguments("八十", "3-2", "standard", List.of("套内面积请填写数字")),
                arguments("80", "9-9", "gold", List.of("请选择列表中的户型", "请选择列表中的装修档次")));
    }

    @ParameterizedTest
    @MethodSource("invalidForms")
    void anInvalidFormIsShownBackWithClearMessagesAndNothingIsStored(
            String usableArea, String layout, String grade, List<String> messages) throws Exception {
        int before = quotes();
        ResultActions page = mvc.perform(post("/quotes")
                        .param("usableArea", usableArea)
                        .param("layout", layout)
                        .param("grade", grade))
                .andExpect(status().isOk());
        for (String message : messages) {
            page.andExpect(content().string(containsString(message)));
        }
        org.assertj.core.api.Assertions.assertThat(quotes()).isEqualTo(before);
    }

    @Test
    void aValidQuoteIsStoredAndTheVisitorIsSentToItsPageWithTheQrCode() throws Exception {
        String location = mvc.perform(post("/quotes")
                        .param("usableArea", "89")
                        .param("layout", "3-2")
                        .param("grade", "standard"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/quotes/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        mvc.perform(get(location))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("111.25"))) // building area = 89 × 1.25
                .andExpect(content().string(containsString("61,187.50"))) // our total
                .andExpect(content().string(containsString("81,212.50"))) // market price
                .andExpect(content().string(containsString("20,025.00"))) // saving
                .andExpect(content().string(containsString("id=\"qr-image\"")))
                .andExpect(content().string(containsString("等待扫码")))
                .andExpect(content().string(not(containsString("scene"))));
    }

    @Test
    void anUnknownQuoteIsNotFound() throws Exception {
        mvc.perform(get("/quotes/AAAAAAAAAAAAAAAAAAAAAA")).andExpect(status().isNotFound());
        mvc.perform(get("/q/AAAAAAAAAAAAAAAAAAAAAA")).andExpect(status().isNotFound());
    }
}
