package com.wxqr.mp.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The wx.config signature (docs/PROTOCOL.md#js-sdk-signature). */
class JsApiSignatureTest {

    private static final String TICKET =
            "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";

    @Test
    void matchesTheOfficialExampleOfAppendix1() {
        assertThat(JsApiSignature.sign(TICKET, "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value"))
                .isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    }

    @Test
    void theFragmentIsNotSigned() {
        assertThat(JsApiSignature.sign(
                        TICKET, "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value#top"))
                .isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    }

    @Test
    void everyPartCounts() {
        String base =
                JsApiSignature.sign(TICKET, "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value");
        assertThat(JsApiSignature.sign(TICKET, "Wm3WZYTPz0wzccnX", 1414587457L, "http://mp.weixin.qq.com?params=value"))
                .isNotEqualTo(base);
        assertThat(JsApiSignature.sign(TICKET, "Wm3WZYTPz0wzccnW", 1414587458L, "http://mp.weixin.qq.com?params=value"))
                .isNotEqualTo(base);
        assertThat(JsApiSignature.sign(
                        TICKET, "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com/?params=value"))
                .isNotEqualTo(base);
        assertThat(JsApiSignature.sign(
                        TICKET + "x", "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value"))
                .isNotEqualTo(base);
    }

    @Test
    void blankPartsAreRefused() {
        assertThatThrownBy(() -> JsApiSignature.sign(" ", "n", 1, "http://a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jsapiTicket");
    }
}
