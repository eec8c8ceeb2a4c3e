package com.wxqr.mp.callback;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The former StAX reading of {@link XmlFields}, kept as the reference the scanner is checked
 * against: the fields of a WeChat XML document read with StAX: every leaf element by name (nested leaves
 * by dotted path, e.g. {@code ScanCodeInfo.ScanType}) and the {@code item} children of a
 * container such as {@code Articles}. DOCTYPE declarations are refused before anything is
 * expanded; external entities are never resolved.
 */
record StaxReference(Map<String, String> fields, List<Map<String, String>> items) {

    private static final int MAX_DEPTH = 8;

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(() -> {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return factory;
    });

    static StaxReference parse(String xml) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.get().createXMLStreamReader(new StringReader(xml));
            return read(reader);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof CallbackRejectedException rejected) {
                throw rejected;
            }
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.MALFORMED_XML, "not well-formed XML" + location(e));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the string reader
                }
            }
        }
    }

    private static StaxReference read(XMLStreamReader reader) throws XMLStreamException {
        Map<String, String> fields = new LinkedHashMap<>();
        List<Map<String, String>> items = new ArrayList<>();
        String[] path = new String[MAX_DEPTH];
        int depth = 0;
        boolean rootSeen = false;
        StringBuilder text = new StringBuilder();
        boolean leaf = false;
        Map<String, String> item = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD ->
                    throw new CallbackRejectedException(
                            CallbackRejectedException.Reason.FORBIDDEN_DTD, "DOCTYPE declarations are not accepted");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                    throw new CallbackRejectedException(
                            CallbackRejectedException.Reason.FORBIDDEN_DTD, "entity references are not accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (depth == 0) {
                        if (rootSeen) {
                            throw new CallbackRejectedException(
                                    CallbackRejectedException.Reason.MALFORMED_XML, "more than one root element");
                        }
                        rootSeen = true;
                    }
                    if (depth == MAX_DEPTH) {
                        throw new CallbackRejectedException(
                                CallbackRejectedException.Reason.MALFORMED_XML, "nested deeper than " + MAX_DEPTH);
                    }
                    String name = reader.getLocalName();
                    path[depth++] = name;
                    if (depth == 3 && "item".equals(name)) {
                        item = new LinkedHashMap<>();
                        items.add(item);
                    }
                    text.setLength(0);
                    leaf = true;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (leaf) {
                        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (leaf && depth >= 2) {
                        String value = text.toString();
                        if (item != null && depth >= 4) {
                            item.putIfAbsent(path[depth - 1], value);
                        } else {
                            fields.putIfAbsent(XmlFields.key(path, depth), value); // the same naming rule
                        }
                    }
                    if (depth == 3 && "item".equals(path[2])) {
                        item = null;
                    }
                    leaf = false;
                    text.setLength(0);
                    depth--;
                }
                default -> {
                    // comments and processing instructions carry nothing WeChat sends
                }
            }
        }
        if (!rootSeen) {
            throw new CallbackRejectedException(CallbackRejectedException.Reason.MALFORMED_XML, "no root element");
        }
        return new StaxReference(fields, items);
    }

    private static String location(Exception e) {
        if (e instanceof XMLStreamException xse && xse.getLocation() != null) {
            return " at line " + xse.getLocation().getLineNumber() + ", column "
                    + xse.getLocation().getColumnNumber();
        }
        return "";
    }

    String get(String name) {
        return fields.get(name);
    }
}
