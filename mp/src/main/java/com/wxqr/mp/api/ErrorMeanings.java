package com.wxqr.mp.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The meaning of WeChat error codes, from the official global return-code table (docs/PROTOCOL.md#error-codes),
 * kept as the message table {@code error-meanings.properties} beside this class and read once.
 */
final class ErrorMeanings {

    private static final String TABLE = "error-meanings.properties";
    private static final Map<Integer, String> MEANINGS = read();

    static final String UNKNOWN = "未收录的错误码，请查阅微信全局返回码说明";

    private ErrorMeanings() {}

    static String of(int errcode) {
        return MEANINGS.getOrDefault(errcode, UNKNOWN);
    }

    private static Map<Integer, String> read() {
        try (InputStream in = Objects.requireNonNull(
                        ErrorMeanings.class.getResourceAsStream(TABLE), TABLE + " is missing from the mp jar");
                Reader utf8 = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Properties table = new Properties();
            table.load(utf8);
            return table.stringPropertyNames().stream()
                    .collect(Collectors.toUnmodifiableMap(Integer::valueOf, table::getProperty));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE, e);
        }
    }
}
