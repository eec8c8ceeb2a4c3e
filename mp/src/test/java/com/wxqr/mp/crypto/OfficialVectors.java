package com.wxqr.mp.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One of the official test vectors of docs/PROTOCOL.md#official-test-vectors, verbatim: the values are data, kept in
 * {@code official-vectors.properties} beside this class so they can be compared with their sources line
 * by line. A field is named as its source names it ({@code Token}, {@code EncodingAESKey}, {@code AppID},
 * {@code msg_signature}, {@code reply.Encrypt}, ...); see the file for each vector's fields.
 */
public final class OfficialVectors {

    private static final String FILE = "official-vectors.properties";
    private static final Properties ALL = read();

    /** Vector A: official 2024 doc example (safe mode, JSON body). */
    public static final OfficialVectors A = new OfficialVectors("A");

    /** Vector B: Tencent Java sample WXBizMsgCryptTest (deterministic AES). */
    public static final OfficialVectors B = new OfficialVectors("B");

    /** Vector C: Tencent Python sample Sample.py (compatible-mode decrypt). */
    public static final OfficialVectors C = new OfficialVectors("C");

    private final String name;
    private final Map<String, String> fields = new TreeMap<>();

    private OfficialVectors(String name) {
        this.name = name;
        String prefix = name + ".";
        ALL.stringPropertyNames().stream()
                .filter(key -> key.startsWith(prefix))
                .forEach(key -> fields.put(key.substring(prefix.length()), ALL.getProperty(key)));
        if (fields.isEmpty()) {
            throw new IllegalStateException(FILE + " has no vector " + name);
        }
    }

    /**
     * Vector {@code name} ({@code "A"}, {@code "B"} or {@code "C"}); also lets a parameterized test
     * name a vector in its source.
     */
    public static OfficialVectors named(String name) {
        return switch (name) {
            case "A" -> A;
            case "B" -> B;
            case "C" -> C;
            default -> throw new IllegalArgumentException("no official vector " + name + "; there are A, B and C");
        };
    }

    /**
     * The value of {@code field} in this vector.
     *
     * @throws IllegalArgumentException if the vector has no such field (the message lists those it has)
     */
    public String get(String field) {
        String value = fields.get(field);
        if (value == null) {
            throw new IllegalArgumentException(
                    "vector " + name + " has no field " + field + "; it has " + fields.keySet());
        }
        return value;
    }

    @Override
    public String toString() {
        return "official vector " + name;
    }

    private static Properties read() {
        try (InputStream in = Objects.requireNonNull(
                        OfficialVectors.class.getResourceAsStream(FILE), FILE + " is not on the test classpath");
                Reader utf8 = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(utf8);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }
}
