package com.wxqr.app.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code wxqr.in-wechat-referers}: a link followed from one of these origins (a standalone emulator's phone
 * page) counts as opened inside WeChat; unset, only WeChat's user agent does.
 */
class InWeChatReferersTest {
    static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36";

    @Test
    void unsetNoRefererCounts() {
        InWeChatReferers rule = new InWeChatReferers(List.of(""));
        assertThat(rule.matches(DESKTOP, "http://localhost:8090/")).isFalse();
        assertThat(rule.matches(DESKTOP, null)).isFalse();
    }

    @Test
    void aLinkFromOneOfTheOriginsCountsWhateverItsPathAndNoOtherOrigin() {
        InWeChatReferers rule = new InWeChatReferers(List.of("http://localhost:8090", " https://Phone.Example.com "));
        assertThat(rule.matches(DESKTOP, "http://localhost:8090/")).isTrue();
        assertThat(rule.matches(DESKTOP, "http://localhost:8090/phone?x=1")).isTrue();
        assertThat(rule.matches(DESKTOP, "https://phone.example.com/phone")).isTrue();
        assertThat(rule.matches(DESKTOP, "HTTP://LOCALHOST:8090/")).isTrue();

        assertThat(rule.matches(DESKTOP, "http://localhost:80901/"))
                .as("another port")
                .isFalse();
        assertThat(rule.matches(DESKTOP, "http://localhost:8090.evil.example/")).isFalse();
        assertThat(rule.matches(DESKTOP, "https://localhost:8090/"))
                .as("another scheme")
                .isFalse();
        assertThat(rule.matches(DESKTOP, "http://127.0.0.1:8090/"))
                .as("another host")
                .isFalse();
        assertThat(rule.matches(DESKTOP, "http://localhost:8090 x"))
                .as("not a URL")
                .isFalse();
        assertThat(rule.matches(DESKTOP, null)).isFalse();
    }

    @Test
    void anythingButOriginsIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new InWeChatReferers(List.of("http://localhost:8090/phone")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("wxqr.in-wechat-referers must list origins");
    }
}
