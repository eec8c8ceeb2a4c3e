package com.wxqr.emulator.push;

import com.wxqr.mp.callback.XmlWriter;

/**
 * The XML bodies of pushes, element by element as in docs/PROTOCOL.md#pushes (CDATA for text, bare numbers for times
 * and ids), written with the library's {@link XmlWriter}: a {@code ]]>} inside a value is split
 * across two CDATA sections, characters XML cannot carry are dropped.
 */
public final class PushXml {

    private PushXml() {}

    /** An event push ({@code subscribe}, {@code SCAN}, {@code unsubscribe}); {@code ticket} null for none. */
    public static String event(
            String originalId, String openid, long createTime, String event, String eventKey, String ticket) {
        XmlWriter x = XmlWriter.message(originalId, openid, createTime, "event").cdata("Event", event);
        if (eventKey != null) {
            x.cdata("EventKey", eventKey);
        }
        if (ticket != null) {
            x.cdata("Ticket", ticket);
        }
        return x.end();
    }

    /** A text message from the user (docs/PROTOCOL.md#text-messages). */
    public static String text(String originalId, String openid, long createTime, String content, long msgId) {
        return XmlWriter.message(originalId, openid, createTime, "text")
                .cdata("Content", content)
                .number("MsgId", msgId)
                .end();
    }
}
