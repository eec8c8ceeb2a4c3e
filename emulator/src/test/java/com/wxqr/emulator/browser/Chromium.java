package com.wxqr.emulator.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/** The headless Debian Chromium the browser tests drive, started one way for all of them. */
public final class Chromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /**
     * A new headless Chromium in Chinese, without background networking (this machine's network is
     * closed), with {@code extraArguments} such as {@code --window-size=1280,900}.
     *
     * @throws IllegalStateException naming the packages when Chromium or its driver is missing
     */
    public static ChromeDriver start(String... extraArguments) {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("this test drives a real browser: install Chromium and its driver "
                    + "(apt-get install chromium chromium-driver, as .ci/run does)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        List<String> arguments = new ArrayList<>(List.of(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--lang=zh-CN"));
        arguments.addAll(List.of(extraArguments));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(arguments);
        return new ChromeDriver(options);
    }
}
