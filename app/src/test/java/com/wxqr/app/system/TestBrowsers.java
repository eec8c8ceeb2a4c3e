package com.wxqr.app.system;

import com.wxqr.emulator.browser.Chromium;
import org.openqa.selenium.chrome.ChromeDriver;

/** The headless Debian Chromium the app's browser tests drive: the emulator's browser tests' {@link Chromium}. */
public final class TestBrowsers {
    private TestBrowsers() {}

    /**
     * A new headless Chromium in Chinese, as {@link Chromium#start}, with {@code extraArguments} such as {@code
     * --window-size=1280,900}.
     *
     * @throws IllegalStateException naming the packages when Chromium or its driver is missing
     */
    public static ChromeDriver chromium(String... extraArguments) {
        return Chromium.start(extraArguments);
    }
}
