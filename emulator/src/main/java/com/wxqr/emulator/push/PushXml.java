package com.wxqr.emulator.push;

/**
 * The XML bodies of pushes, element by element as in spec §5 (CDATA for text, bare numbers for times
 * and ids). A {@code ]]>} inside a value is split across two CDATA sections.
 */
public final class PushXml {

    private final StringBuilder xml = new StringBuilder("<xml>");

    private PushXml(String toUser, String fromUser, long createTime, String msgType) {
        cdata("ToUserName", toUser)
                .cdata("FromUserName", fromUser)
                .number("CreateTime", createTime)
                .cdata("MsgType", msgType);
    }

    /** An event push ({@code subscribe}, {@code SCAN}, {@code unsubscribe}); {@code ticket} null for none. */
    public static String event(
            String originalId, String openid, long createTime, String event, String eventKey, String ticket) {
        PushXml x = new PushXml(originalId, openid, createTime, "event").cdata("Event", event);
        if (eventKey != null) {
            x.cdata("EventKey", eventKey);
        }
        if (ticket != null) {
            x.cdata("Ticket", ticket);
        }
        return x.end();
    }

    /** A text message from the user (spec §5.1). */
    public static String text(String originalId, String openid, long createTime, String content, long msgId) {
        return new PushXml(originalId, openid, createTime, "text")
                .cdata("Content", content)
                .number("MsgId", msgId)
                .end();
    }

    private PushXml cdata(String name, String value) {
        xml.append('<')
                .append(name)
                .append("><![CDATA[")
                .append(value.replace("]]>", "]]]]><![CDATA[>"))
                .append("]]></")
                .append(name)
                .append('>');
        return this;
    }

    private PushXml number(String name, long value) {
        xml.append('<')
                .append(name)
                .append('>')
                .append(value)
                .append("</")
                .append(name)
                .append('>');
        return this;
    }

    private String end() {
        return xml.append("</xml>").toString();
    }
}
