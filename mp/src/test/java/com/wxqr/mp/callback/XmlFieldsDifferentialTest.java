package com.wxqr.mp.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer: thousands of damaged variants of real documents go through the scanner
 * and through the JDK's StAX reader ({@link StaxReference}). Whatever StAX refuses the scanner must
 * refuse, and whatever StAX reads the scanner must read to the same fields and items — with one
 * deliberate exception: the scanner checks the XML declaration's encoding name, which the JDK reader
 * ignores when it reads from a {@code String}, so the scanner may refuse a declaration StAX lets pass.
 * Another seed: {@code -DargLine=-Dwxqr.fuzz.seed=N}.
 */
class XmlFieldsDifferentialTest {

    private static final String[] FRAGMENTS = {
        "<",
        ">",
        "&",
        ";",
        "]]>",
        "<![CDATA[",
        "]]",
        "</",
        "/>",
        "<!--",
        "-->",
        "<?",
        "?>",
        "&amp;",
        "&#x41;",
        "&#65;",
        "&lt;",
        "\"",
        "'",
        "=",
        " ",
        "\r\n",
        "\u0000",
        "\u0001",
        "\uD800",
        "中",
        "<!DOCTYPE x>",
        "<!ENTITY e \"x\">",
        "&e;",
        "<a>",
        "</a>",
        "<b/>",
        "xml",
        "item"
    };

    @Test
    void scannerAndStaxAgreeOnMutatedDocuments() {
        Random random = new Random(Long.getLong("wxqr.fuzz.seed", 20261125L));
        List<String> seeds = XmlFieldsTest.wellFormed();
        List<String> disagreements = new ArrayList<>();
        int cases = 0;
        for (String seed : seeds) {
            for (int i = 0; i < 600; i++) {
                String xml = mutate(seed, random);
                cases++;
                String difference = compare(xml);
                if (difference != null && disagreements.size() < 20) {
                    disagreements.add(difference + " on " + printable(xml));
                }
            }
        }
        assertThat(cases).isGreaterThan(10_000);
        assertThat(disagreements).isEmpty();
    }

    private static String compare(String xml) {
        StaxReference expected;
        try {
            expected = StaxReference.parse(xml);
        } catch (CallbackRejectedException staxRefused) {
            try {
                XmlFields.parse(xml);
                return "scanner accepted what StAX refused (" + staxRefused.getMessage() + ")";
            } catch (CallbackRejectedException alsoRefused) {
                return null;
            }
        }
        try {
            XmlFields actual = XmlFields.parse(xml);
            if (!actual.fields().equals(expected.fields()) || !actual.items().equals(expected.items())) {
                return "different fields " + actual.fields() + " vs StAX " + expected.fields();
            }
            return null;
        } catch (CallbackRejectedException scannerRefused) {
            if (scannerRefused.getMessage().contains("malformed XML declaration")) {
                return null;
            }
            return "scanner refused what StAX read (" + scannerRefused.getMessage() + ")";
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder xml = new StringBuilder(seed);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = xml.length() == 0 ? 0 : random.nextInt(xml.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> xml.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 1 -> {
                    if (at < xml.length()) {
                        xml.deleteCharAt(at);
                    }
                }
                case 2 -> xml.setLength(at);
                case 3 -> {
                    if (at < xml.length()) {
                        xml.setCharAt(at, (char) (0x20 + random.nextInt(0x60)));
                    }
                }
                default -> {
                    int end = Math.min(xml.length(), at + 1 + random.nextInt(12));
                    String piece = xml.substring(at, end);
                    xml.insert(end, piece);
                }
            }
        }
        return xml.toString();
    }

    private static String printable(String xml) {
        StringBuilder out = new StringBuilder();
        xml.codePoints()
                .forEach(c -> out.append(
                        c < 0x20 || c >= 0xD800 && c < 0xE000 ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }
}
