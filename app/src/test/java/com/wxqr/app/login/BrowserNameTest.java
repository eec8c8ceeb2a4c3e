package com.wxqr.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The browser and system named on the confirmation page, from real User-Agent strings. */
class BrowserNameTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36|Chrome 126|Windows 10/11",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68|Edge 126|Windows 10/11",
                "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0|Firefox 126|Linux",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15|Safari 17|macOS",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1|Safari 17|iOS 17",
                "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.0.0 Safari/537.36 OPR/94.0.0.0|Opera 94|Windows 7",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.0.0 Mobile Safari/537.36 XWEB/1220099 MMWEBSDK/20240404 MicroMessenger/8.0.49.2600(0x28003133)|微信内置浏览器 8|Android 14",
                "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36|Chrome 125|ChromeOS",
                "curl/8.5.0|未知浏览器|未知系统",
            })
    void namesTheCommonBrowsersAndSystems(String userAgent, String browser, String system) {
        assertThat(BrowserName.of(userAgent)).isEqualTo(new BrowserName(browser, system));
    }

    @ParameterizedTest
    @CsvSource({"''"})
    void saysWhenItDoesNotKnow(String userAgent) {
        assertThat(BrowserName.of(userAgent).toString()).isEqualTo("未知浏览器 · 未知系统");
        assertThat(BrowserName.of(null).toString()).isEqualTo("未知浏览器 · 未知系统");
    }
}
