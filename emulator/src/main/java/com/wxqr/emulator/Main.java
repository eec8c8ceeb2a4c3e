package com.wxqr.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone start: {@code java -jar wxqr-emulator.jar --server.port=8090}. Options: {@code --server.port},
 * {@code --server.address} (bind, default 127.0.0.1), {@code --emulator.public-host} (default localhost),
 * {@code --emulator.push-timeout-ms}, {@code --emulator.push-deliveries}, {@code --emulator.qr-default-expire-seconds},
 * {@code --emulator.threads}, {@code --emulator.token-daily-quota}, {@code --emulator.qr-daily-quota},
 * {@code --emulator.call-log-capacity}.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("java.awt.headless", "true");
        int port = 8090;
        EmulatorSettings.Builder settings = EmulatorSettings.builder();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                fail("unknown argument " + arg + " (expected --name=value)");
            }
            String name = arg.substring(2, arg.indexOf('='));
            String value = arg.substring(arg.indexOf('=') + 1);
            try {
                switch (name) {
                    case "server.port" -> port = Integer.parseInt(value);
                    case "server.address" -> settings.bindHost(value);
                    case "emulator.public-host" -> settings.publicHost(value);
                    case "emulator.push-timeout-ms" -> settings.pushTimeout(Duration.ofMillis(Long.parseLong(value)));
                    case "emulator.push-deliveries" -> settings.pushDeliveries(Integer.parseInt(value));
                    case "emulator.qr-default-expire-seconds" ->
                        settings.qrDefaultExpireSeconds(Integer.parseInt(value));
                    case "emulator.threads" -> settings.threads(Integer.parseInt(value));
                    case "emulator.token-daily-quota" -> settings.tokenDailyQuota(Integer.parseInt(value));
                    case "emulator.qr-daily-quota" -> settings.qrDailyQuota(Integer.parseInt(value));
                    case "emulator.call-log-capacity" -> settings.callLogCapacity(Integer.parseInt(value));
                    default -> fail("unknown option --" + name);
                }
            } catch (NumberFormatException e) {
                fail("--" + name + " needs a number, not " + value);
            }
        }
        WeChatEmulator emulator;
        try {
            emulator = WeChatEmulator.start(settings.build(), port);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            fail(e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        System.out.println("WeChat emulator on " + emulator.baseUrl() + " — phone: " + emulator.url("/phone")
                + " — control API: " + emulator.url("/emulator/"));
        new CountDownLatch(1).await();
    }

    private static void fail(String message) {
        System.err.println("wxqr-emulator: " + message);
        System.exit(2);
    }
}
