package com.wxqr.app.login;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser and the system of a {@code User-Agent}, as a person would name them ("Chrome 126",
 * "Windows 10/11"), for the scanner's confirmation page, the audit and the list of sessions. A small
 * parser for the common browsers, honest about what it does not know: anything else is
 * 未知浏览器 / 未知系统. Only the major version is kept (browsers freeze the rest anyway).
 */
public record BrowserName(String browser, String system) {
    static final String UNKNOWN_BROWSER = "未知浏览器";
    static final String UNKNOWN_SYSTEM = "未知系统";

    /** Browsers whose token is tested first: those that also claim to be Chrome or Safari. */
    private static final String[][] BROWSERS = {
        {"MicroMessenger/", "微信内置浏览器"},
        {"QQBrowser/", "QQ浏览器"},
        {"UCBrowser/", "UC浏览器"},
        {"Edg/", "Edge"},
        {"EdgA/", "Edge"},
        {"EdgiOS/", "Edge"},
        {"OPR/", "Opera"},
        {"YaBrowser/", "Yandex"},
        {"SamsungBrowser/", "三星浏览器"},
        {"Firefox/", "Firefox"},
        {"FxiOS/", "Firefox"},
        {"CriOS/", "Chrome"},
        {"Chromium/", "Chromium"},
        {"Chrome/", "Chrome"},
    };

    private static final Pattern SAFARI = Pattern.compile("Version/(\\d+)[^ ]* (?:Mobile/\\S+ )?Safari/");
    private static final Pattern WINDOWS = Pattern.compile("Windows NT (\\d+\\.\\d+)");
    private static final Pattern ANDROID = Pattern.compile("Android (\\d+)");
    private static final Pattern IOS = Pattern.compile("(?:iPhone|CPU) OS (\\d+)");
    private static final Pattern MAC = Pattern.compile("Mac OS X (\\d+)[._](\\d+)");

    public static BrowserName of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new BrowserName(UNKNOWN_BROWSER, UNKNOWN_SYSTEM);
        }
        return new BrowserName(browser(userAgent), system(userAgent));
    }

    /** "Chrome 126 · Windows 10/11". */
    @Override
    public String toString() {
        return browser + " · " + system;
    }

    private static String browser(String ua) {
        for (String[] b : BROWSERS) {
            int at = ua.indexOf(b[0]);
            if (at >= 0) {
                return withMajor(b[1], ua, at + b[0].length());
            }
        }
        Matcher safari = SAFARI.matcher(ua);
        if (safari.find()) {
            return "Safari " + safari.group(1);
        }
        if (ua.contains("Trident/") || ua.contains("MSIE ")) {
            return "Internet Explorer";
        }
        return UNKNOWN_BROWSER;
    }

    private static String withMajor(String name, String ua, int versionStart) {
        int end = versionStart;
        while (end < ua.length() && end - versionStart < 6 && Character.isDigit(ua.charAt(end))) {
            end++;
        }
        return end > versionStart ? name + " " + ua.substring(versionStart, end) : name;
    }

    private static String system(String ua) {
        Matcher m = WINDOWS.matcher(ua);
        if (m.find()) {
            return switch (m.group(1)) {
                case "10.0" -> "Windows 10/11";
                case "6.3" -> "Windows 8.1";
                case "6.2" -> "Windows 8";
                case "6.1" -> "Windows 7";
                default -> "Windows";
            };
        }
        m = IOS.matcher(ua);
        if (m.find() && (ua.contains("iPhone") || ua.contains("iPad"))) {
            return (ua.contains("iPad") ? "iPadOS " : "iOS ") + m.group(1);
        }
        m = ANDROID.matcher(ua);
        if (m.find()) {
            return "Android " + m.group(1);
        }
        if (ua.contains("CrOS")) {
            return "ChromeOS";
        }
        m = MAC.matcher(ua);
        if (m.find()) {
            return "macOS";
        }
        if (ua.contains("HarmonyOS") || ua.contains("OpenHarmony")) {
            return "HarmonyOS";
        }
        if (ua.contains("Linux") || ua.contains("X11")) {
            return "Linux";
        }
        return UNKNOWN_SYSTEM;
    }
}
