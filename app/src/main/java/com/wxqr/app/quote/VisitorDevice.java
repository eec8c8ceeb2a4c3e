package com.wxqr.app.quote;

import java.util.Locale;

/**
 * Where a visitor looks at the quote page, as far as the user agent tells: it decides how the page asks them to get
 * the code into WeChat. The page itself also treats a narrow or touch-only screen as a phone, which the user agent
 * alone cannot see (an iPad's Safari says it is a Mac).
 */
enum VisitorDevice {
    /** WeChat's built-in browser on a phone: long-press the code (长按识别二维码). */
    WECHAT,
    /** Another browser on a phone or tablet: save the code and pick it from the album in 扫一扫. */
    MOBILE,
    /** A computer, WeChat's desktop browser included: scan the screen with the phone. */
    PC;

    /** The device of a request with this {@code User-Agent} header (null or blank: a PC). */
    static VisitorDevice of(String userAgent) {
        if (userAgent == null) {
            return PC;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        boolean phone = ua.contains("mobile")
                || ua.contains("android")
                || ua.contains("iphone")
                || ua.contains("ipad")
                || ua.contains("ipod")
                || ua.contains("harmonyos");
        // WeChat for Windows and macOS says MicroMessenger too (with WindowsWechat / MacWechat), but runs on a PC
        boolean desktopWeChat = ua.contains("windowswechat") || ua.contains("macwechat");
        if (!phone || desktopWeChat) {
            return PC;
        }
        return ua.contains("micromessenger") ? WECHAT : MOBILE;
    }

    /** The name the page uses ({@code wechat}, {@code mobile}, {@code pc}). */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
