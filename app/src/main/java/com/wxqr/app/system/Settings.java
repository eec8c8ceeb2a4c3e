package com.wxqr.app.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The checks the {@code @ConfigurationProperties} records run at start: each returns the value it
 * accepts and otherwise throws {@link IllegalArgumentException} with a sentence that names the
 * setting (never its value, which may be a secret).
 */
public final class Settings {
    private Settings() {}

    /** A duration above zero. */
    public static Duration positive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration, such as 10s or 7d");
        }
        return value;
    }

    /** A duration of one second or more (rate-limit windows are counted in whole seconds at least). */
    public static Duration atLeastOneSecond(String setting, Duration value) {
        if (value == null || value.toMillis() < 1000) {
            throw new IllegalArgumentException(setting + " must be at least 1 second");
        }
        return value;
    }

    /** A duration of zero or more. */
    public static Duration notNegative(String setting, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(setting + " must not be negative");
        }
        return value;
    }

    /** A whole number of at least {@code min}. */
    public static int atLeast(String setting, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(setting + " must be at least " + min);
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}. */
    public static int between(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(setting + " must be between " + min + " and " + max);
        }
        return value;
    }

    /** A text setting without surrounding white space; empty when unset. */
    public static String stripped(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * Web origins, each {@code http(s)://host} with an optional {@code :port} and nothing else (no path, not
     * even {@code /}, no query, no user, no wildcard), as {@code scheme://host[:port]} in lower case; blank
     * entries are skipped, so an unset list is empty.
     */
    public static List<String> origins(String setting, List<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .map(String::strip)
                        .filter(v -> !v.isEmpty())
                        .map(v -> origin(setting, v))
                        .distinct()
                        .toList();
    }

    private static String origin(String setting, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null
                || uri.getScheme() == null
                || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null
                || uri.getPort() > 65535
                || uri.getRawUserInfo() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(setting
                    + " must list origins, each http(s)://host with an optional :port and no path or wildcard"
                    + " (such as http://localhost:8090), not: " + value);
        }
        return (uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
                .toLowerCase(Locale.ROOT);
    }
}
