package com.wxqr.mp.callback;

/** Writes the flat XML WeChat exchanges, with text in CDATA sections that survive any user text. */
final class XmlWriter {

    private final StringBuilder out;

    XmlWriter() {
        this(512);
    }

    /** A writer whose buffer starts at {@code capacity} characters (sized to the document, it never copies). */
    XmlWriter(int capacity) {
        out = new StringBuilder(capacity);
        out.append("<xml>");
    }

    XmlWriter cdata(String name, String value) {
        out.append('<').append(name).append("><![CDATA[");
        String text = value == null ? "" : value;
        if (needsNoEscaping(text)) {
            out.append(text);
        } else {
            appendCdataContent(text);
        }
        out.append("]]></").append(name).append('>');
        return this;
    }

    XmlWriter number(String name, long value) {
        out.append('<')
                .append(name)
                .append('>')
                .append(value)
                .append("</")
                .append(name)
                .append('>');
        return this;
    }

    XmlWriter open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    XmlWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    String end() {
        return out.append("</xml>").toString();
    }

    /** Whether {@code value} can go into a CDATA section as it is: no {@code ]}, no control or surrogate characters. */
    private static boolean needsNoEscaping(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == ']' || c >= 0xD800) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends text inside a CDATA section: {@code ]]>} is split across two sections, and
     * characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped,
     * since no escaping can carry them.
     */
    private void appendCdataContent(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == ']' && value.startsWith("]]>", i)) {
                out.append("]]]]><![CDATA[>");
                i += 2;
            } else if ((c >= 0x20 && c < 0xD800)
                    || c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || (c >= 0xE000 && c <= 0xFFFD)) {
                out.append(c);
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < length
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            }
        }
    }
}
