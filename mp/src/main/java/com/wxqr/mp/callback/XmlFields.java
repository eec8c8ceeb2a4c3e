package com.wxqr.mp.callback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields of a WeChat XML document: every leaf element by name (nested leaves by dotted path,
 * e.g. {@code ScanCodeInfo.ScanType}) and the {@code <item>} children of a container such as
 * {@code Articles}, or the {@code <List>} children of one such as {@code SubscribeMsgPopupEvent}.
 *
 * <p>Read by a single-pass scanner of the XML 1.0 subset WeChat documents use: elements,
 * attributes (checked, ignored), text, CDATA sections, comments, processing instructions, the five
 * predefined entities and character references. A DOCTYPE declaration or any other entity
 * reference is refused before anything is expanded, so there is nothing to resolve and no entity
 * to amplify. Anything not well-formed (unclosed or mismatched tags, a second root, characters
 * XML forbids, {@code ]]>} in text) is refused as MALFORMED_XML with its line and column.
 *
 * <p>This replaces a StAX reader: creating the JDK's {@code XMLStreamReader} cost about 15 KB of
 * allocation and several microseconds per document, and {@code open} parses two documents per
 * encrypted push (see docs/BENCHMARKS.md).
 */
record XmlFields(Map<String, String> fields, List<Map<String, String>> items) {

    private static final int MAX_DEPTH = 8;

    /** What may follow {@code <?xml}: version, optional encoding and standalone (XML 1.0 §2.8). */
    private static final Pattern XML_DECLARATION =
            Pattern.compile("[ \\t\\r\\n]+version[ \\t\\r\\n]*=[ \\t\\r\\n]*(\"1\\.[0-9]+\"|'1\\.[0-9]+')"
                    + "([ \\t\\r\\n]+encoding[ \\t\\r\\n]*=[ \\t\\r\\n]*(\"[A-Za-z][A-Za-z0-9._-]*\"|'[A-Za-z][A-Za-z0-9._-]*'))?"
                    + "([ \\t\\r\\n]+standalone[ \\t\\r\\n]*=[ \\t\\r\\n]*(\"(yes|no)\"|'(yes|no)'))?[ \\t\\r\\n]*");

    static XmlFields parse(String xml) {
        return new Scanner(xml).document();
    }

    String get(String name) {
        return fields.get(name);
    }

    /** One pass over one document; not reusable. */
    /**
     * The key of the leaf at {@code path[depth - 1]} ({@code path[0]} being the root): its name, or the
     * dotted path below the root for a nested leaf ({@code ScanCodeInfo.ScanType}).
     */
    static String key(String[] path, int depth) {
        if (depth == 2) {
            return path[1];
        }
        StringBuilder key = new StringBuilder(path[1]);
        for (int i = 2; i < depth; i++) {
            key.append('.').append(path[i]);
        }
        return key.toString();
    }

    private static final class Scanner {
        private final String xml;
        private final int length;
        private int pos;

        // The text of the current leaf: one contiguous range of the input while possible, copied
        // into a builder only when it is split (CDATA next to text, a reference, a CR LF).
        private int segStart = -1;
        private int segEnd;
        private boolean copied;
        private StringBuilder copy;

        Scanner(String xml) {
            this.xml = xml;
            this.length = xml.length();
        }

        XmlFields document() {
            if (length > 0 && xml.charAt(0) == '\uFEFF') {
                pos = 1;
            }
            if (xml.startsWith("<?xml", pos) && pos + 5 < length && isSpace(xml.charAt(pos + 5))) {
                processingInstruction();
            }
            misc();
            if (pos + 1 >= length || xml.charAt(pos) != '<' || !isNameStart(xml.charAt(pos + 1))) {
                throw malformed("no root element");
            }
            XmlFields result = root();
            misc();
            if (pos < length) {
                throw malformed(
                        xml.charAt(pos) == '<' ? "more than one root element" : "content after the root element");
            }
            return result;
        }

        /** Reads the root element and everything in it; {@code pos} is at its {@code <}. */
        private XmlFields root() {
            Map<String, String> fields = new LinkedHashMap<>();
            List<Map<String, String>> items = List.of();
            Map<String, String> item = null;
            String[] path = new String[MAX_DEPTH];
            int depth = 0;
            boolean leaf = false;
            while (true) {
                // pos is at '<'
                char next = pos + 1 < length ? xml.charAt(pos + 1) : 0;
                boolean closes;
                if (next == '/') {
                    String name = path[depth - 1];
                    pos += 2;
                    if (!xml.startsWith(name, pos)) {
                        throw malformed("end tag does not match <" + name + ">");
                    }
                    pos += name.length();
                    skipSpace();
                    expect('>', "end tag does not match <" + name + ">");
                    closes = true;
                } else if (next == '!') {
                    if (xml.startsWith("<![CDATA[", pos)) {
                        int start = pos + 9;
                        int end = xml.indexOf("]]>", start);
                        if (end < 0) {
                            throw malformed("unterminated CDATA section");
                        }
                        checkChars(start, end);
                        if (leaf) {
                            appendText(start, end);
                        }
                        pos = end + 3;
                    } else {
                        markup();
                    }
                    closes = false;
                } else if (next == '?') {
                    processingInstruction();
                    closes = false;
                } else {
                    pos++;
                    String name = name();
                    boolean empty = attributes();
                    if (depth == MAX_DEPTH) {
                        throw malformed("nested deeper than " + MAX_DEPTH);
                    }
                    path[depth++] = name;
                    if (depth == 3 && ("item".equals(name) || "List".equals(name))) {
                        item = new LinkedHashMap<>();
                        if (items.isEmpty()) {
                            items = new ArrayList<>();
                        }
                        items.add(item);
                    }
                    resetText();
                    leaf = true;
                    closes = empty;
                }
                if (closes) {
                    if (leaf && depth >= 2) {
                        String value = text();
                        if (item != null && depth >= 4) {
                            item.putIfAbsent(path[depth - 1], value);
                        } else {
                            fields.putIfAbsent(key(path, depth), value);
                        }
                    }
                    if (depth == 3 && item != null) {
                        item = null;
                    }
                    leaf = false;
                    depth--;
                    if (depth == 0) {
                        return new XmlFields(fields, items);
                    }
                }
                content(leaf, path[depth - 1]);
            }
        }

        /** Character data up to the next {@code <}, kept when inside a leaf. */
        private void content(boolean leaf, String open) {
            int runStart = pos;
            while (true) {
                if (pos >= length) {
                    throw malformed("<" + open + "> is not closed");
                }
                char c = xml.charAt(pos);
                if (c == '<') {
                    if (leaf) {
                        appendText(runStart, pos);
                    }
                    return;
                }
                if (c == '&') {
                    if (leaf) {
                        appendText(runStart, pos);
                    }
                    int codePoint = reference();
                    if (leaf) {
                        appendCodePoint(codePoint);
                    }
                    runStart = pos;
                    continue;
                }
                if (c == '\r') {
                    if (leaf) {
                        appendText(runStart, pos);
                        appendCodePoint('\n');
                    }
                    pos += pos + 1 < length && xml.charAt(pos + 1) == '\n' ? 2 : 1;
                    runStart = pos;
                    continue;
                }
                if (c == '>'
                        && pos >= 2
                        && xml.charAt(pos - 1) == ']'
                        && xml.charAt(pos - 2) == ']'
                        && pos - 2 >= runStart) {
                    throw malformed("]]> is not allowed in text");
                }
                pos = checkChar(pos);
            }
        }

        /** {@code <!…>} that is not CDATA: a comment, or a declaration we refuse. */
        private void markup() {
            if (xml.startsWith("<!--", pos)) {
                int end = xml.indexOf("--", pos + 4);
                if (end < 0) {
                    throw malformed("unterminated comment");
                }
                if (end + 2 >= length || xml.charAt(end + 2) != '>') {
                    throw malformed("-- inside a comment");
                }
                checkChars(pos + 4, end);
                pos = end + 3;
            } else if (xml.startsWith("<!DOCTYPE", pos) || xml.startsWith("<!ENTITY", pos)) {
                throw new CallbackRejectedException(
                        CallbackRejectedException.Reason.FORBIDDEN_DTD, "DOCTYPE declarations are not accepted");
            } else {
                throw malformed("unexpected <!");
            }
        }

        /** {@code <?target …?>}; the XML declaration only where {@link #document} allows it. */
        private void processingInstruction() {
            pos += 2;
            int targetStart = pos;
            String target = name();
            boolean declaration = target.equalsIgnoreCase("xml");
            if (declaration
                    && ((targetStart != 2 && !(targetStart == 3 && xml.charAt(0) == '\uFEFF'))
                            || !target.equals("xml"))) {
                throw malformed("XML declaration not at the start");
            }
            if (!xml.startsWith("?>", pos) && (pos >= length || !isSpace(xml.charAt(pos)))) {
                throw malformed("processing instruction target not followed by whitespace");
            }
            int end = xml.indexOf("?>", pos);
            if (end < 0) {
                throw malformed("unterminated processing instruction");
            }
            if (declaration && !XML_DECLARATION.matcher(xml).region(pos, end).matches()) {
                throw malformed("malformed XML declaration");
            }
            checkChars(pos, end);
            pos = end + 2;
        }

        /** Whitespace, comments and processing instructions around the root; refuses a DOCTYPE. */
        private void misc() {
            while (true) {
                skipSpace();
                if (xml.startsWith("<!", pos) && !xml.startsWith("<![CDATA[", pos)) {
                    markup();
                } else if (xml.startsWith("<?", pos)) {
                    processingInstruction();
                } else {
                    return;
                }
            }
        }

        /**
         * Checks the attributes of a start tag (their values are not kept) and consumes its end.
         *
         * @return whether the tag was empty ({@code />})
         */
        private boolean attributes() {
            List<String> seen = null;
            while (true) {
                boolean spaced = skipSpace();
                if (pos >= length) {
                    throw malformed("unterminated start tag");
                }
                char c = xml.charAt(pos);
                if (c == '>') {
                    pos++;
                    return false;
                }
                if (c == '/') {
                    pos++;
                    expect('>', "expected > after /");
                    return true;
                }
                if (!spaced) {
                    throw malformed("expected whitespace before an attribute");
                }
                String attribute = name();
                if (seen == null) {
                    seen = new ArrayList<>(2);
                } else if (seen.contains(attribute)) {
                    throw malformed("attribute " + attribute + " appears twice");
                }
                seen.add(attribute);
                skipSpace();
                expect('=', "expected = after attribute " + attribute);
                skipSpace();
                char quote = pos < length ? xml.charAt(pos) : 0;
                if (quote != '"' && quote != '\'') {
                    throw malformed("attribute value must be quoted");
                }
                pos++;
                while (true) {
                    if (pos >= length) {
                        throw malformed("unterminated attribute value");
                    }
                    char v = xml.charAt(pos);
                    if (v == quote) {
                        pos++;
                        break;
                    }
                    if (v == '<') {
                        throw malformed("< inside an attribute value");
                    }
                    if (v == '&') {
                        reference();
                    } else {
                        pos = checkChar(pos);
                    }
                }
            }
        }

        /**
         * Reads {@code &…;} at {@code pos}: a predefined entity or a character reference.
         *
         * @return the code point it stands for
         */
        private int reference() {
            int semicolon = xml.indexOf(';', pos + 1);
            if (semicolon < 0 || semicolon - pos > 12) {
                throw malformed("& that does not start a reference");
            }
            String body = xml.substring(pos + 1, semicolon);
            int codePoint;
            switch (body) {
                case "lt" -> codePoint = '<';
                case "gt" -> codePoint = '>';
                case "amp" -> codePoint = '&';
                case "apos" -> codePoint = '\'';
                case "quot" -> codePoint = '"';
                default -> {
                    if (body.startsWith("#")) {
                        codePoint = characterReference(body);
                    } else if (!body.isEmpty() && isNameStart(body.charAt(0))) {
                        throw new CallbackRejectedException(
                                CallbackRejectedException.Reason.FORBIDDEN_DTD, "entity references are not accepted");
                    } else {
                        throw malformed("& that does not start a reference");
                    }
                }
            }
            pos = semicolon + 1;
            return codePoint;
        }

        private int characterReference(String body) {
            int value;
            try {
                value = body.startsWith("#x")
                        ? Integer.parseInt(body.substring(2), 16)
                        : Integer.parseInt(body.substring(1));
            } catch (NumberFormatException e) {
                throw malformed("bad character reference");
            }
            boolean allowed = value == 0x9
                    || value == 0xA
                    || value == 0xD
                    || (value >= 0x20 && value <= 0xD7FF)
                    || (value >= 0xE000 && value <= 0xFFFD)
                    || (value >= 0x10000 && value <= 0x10FFFF);
            if (!allowed || body.contains("-") || body.contains("+")) {
                throw malformed("character reference to a character XML forbids");
            }
            return value;
        }

        private String name() {
            int start = pos;
            if (pos >= length || !isNameStart(xml.charAt(pos))) {
                throw malformed("expected a name");
            }
            pos++;
            while (pos < length && isNameChar(xml.charAt(pos))) {
                pos++;
            }
            return xml.substring(start, pos);
        }

        private static boolean isNameStart(char c) {
            return (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || c == '_'
                    || c == ':'
                    || (c >= 0xC0 && c <= 0xD7FF)
                    || (c >= 0xF900 && c <= 0xFFFD && c != 0xFEFF);
        }

        private static boolean isNameChar(char c) {
            return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 0xB7;
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\n' || c == '\t' || c == '\r';
        }

        private boolean skipSpace() {
            int start = pos;
            while (pos < length && isSpace(xml.charAt(pos))) {
                pos++;
            }
            return pos > start;
        }

        private void expect(char c, String problem) {
            if (pos >= length || xml.charAt(pos) != c) {
                throw malformed(problem);
            }
            pos++;
        }

        private void checkChars(int from, int to) {
            int i = from;
            while (i < to) {
                i = checkChar(i);
            }
        }

        /** Checks the character at {@code i} is one XML allows and returns the index after it. */
        private int checkChar(int i) {
            char c = xml.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                return i + 1;
            }
            if (c == '\n' || c == '\t' || c == '\r' || (c >= 0xE000 && c <= 0xFFFD)) {
                return i + 1;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(xml.charAt(i + 1))) {
                return i + 2;
            }
            pos = i;
            throw malformed(String.format("character U+%04X is not allowed in XML", (int) c));
        }

        private void resetText() {
            segStart = -1;
            copied = false;
        }

        private void appendText(int start, int end) {
            if (start == end) {
                return;
            }
            int cr = xml.indexOf('\r', start);
            if (cr >= 0 && cr < end) {
                // line ends are normalised to LF, as XML 1.0 §2.11 asks
                appendText(start, cr);
                appendCodePoint('\n');
                appendText(cr + 1 < end && xml.charAt(cr + 1) == '\n' ? cr + 2 : cr + 1, end);
                return;
            }
            if (!copied) {
                if (segStart < 0) {
                    segStart = start;
                    segEnd = end;
                    return;
                }
                if (segEnd == start) {
                    segEnd = end;
                    return;
                }
                startCopy();
            }
            copy.append(xml, start, end);
        }

        private void appendCodePoint(int codePoint) {
            if (!copied) {
                startCopy();
            }
            copy.appendCodePoint(codePoint);
        }

        private void startCopy() {
            if (copy == null) {
                copy = new StringBuilder(64);
            }
            copy.setLength(0);
            if (segStart >= 0) {
                copy.append(xml, segStart, segEnd);
            }
            copied = true;
        }

        private String text() {
            if (copied) {
                return copy.toString();
            }
            return segStart < 0 ? "" : xml.substring(segStart, segEnd);
        }

        private CallbackRejectedException malformed(String problem) {
            int at = Math.min(pos, length);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (xml.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new CallbackRejectedException(
                    CallbackRejectedException.Reason.MALFORMED_XML,
                    "not well-formed XML at line " + line + ", column " + (at - lineStart + 1) + ": " + problem);
        }
    }
}
