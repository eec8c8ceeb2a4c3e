package com.wxqr.mp.callback;

/**
 * Writes the flat XML WeChat exchanges (pushes, passive replies, encrypted envelopes), element by
 * element in the order written: text in CDATA sections that survive any user text ({@code ]]>}
 * is split across two sections, characters XML 1.0 cannot carry are dropped, null is empty),
 * numbers bare. Public for the sender's side (emulators and tests writing pushes as WeChat does);
 * not thread-safe, one document per instance.
 */
public final class XmlWriter {

    private final StringBuilder out;

    /** An empty {@code <xml>} document. */
    public XmlWriter() {
        this(512);
    }

    /** A writer whose buffer starts at {@code capacity} characters (sized to the document, it never copies). */
    XmlWriter(int capacity) {
        out = new StringBuilder(capacity);
        out.append("<xml>");
    }

    /**
     * A message (docs/PROTOCOL.md#pushes, #passive-replies): the four elements every push and reply starts with,
     * addressed to {@code toUser} from {@code fromUser}; its other elements follow.
     */
    public static XmlWriter message(String toUser, String fromUser, long createTime, String msgType) {
        return new XmlWriter()
                .cdata("ToUserName", toUser)
                .cdata("FromUserName", fromUser)
                .number("CreateTime", createTime)
                .cdata("MsgType", msgType);
    }

    /** {@code <name><![CDATA[value]]></name>}. */
    public XmlWriter cdata(String name, String value) {
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

    /** {@code <name>value</name>}. */
    public XmlWriter number(String name, long value) {
        out.append('<')
                .append(name)
                .append('>')
                .append(value)
                .append("</")
                .append(name)
                .append('>');
        return this;
    }

    /** Opens the element {@code name}, for nested ones ({@code Articles}, {@code item}). */
    public XmlWriter open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    /** Closes the element {@code name}. */
    public XmlWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** The document, {@code </xml>} closed. */
    public String end() {
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
