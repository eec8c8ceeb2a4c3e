package com.wxqr.app.quote;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.wxqr.app.system.SafePassiveApp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

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

    @Test
    void anAreaOutOfRangeIsShownBackWithAClearMessageAndNothingIsStored() throws Exception {
        int before = quotes();
        mvc.perform(post("/quotes")
                        .param("usableArea", "5")
                        .param("layout", "3-2")
                        .param("grade", "standard"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("套内面积应在 10 到 1000 平方米之间")));
        mvc.perform(post("/quotes")
                        .param("usableArea", "八十")
                        .param("layout", "3-2")
                        .param("grade", "standard"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("套内面积请填写数字")));
        mvc.perform(post("/quotes")
                        .param("usableArea", "80")
                        .param("layout", "9-9")
                        .param("grade", "gold"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请选择列表中的户型")))
                .andExpect(content().string(containsString("请选择列表中的装修档次")));
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
