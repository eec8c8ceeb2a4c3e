package com.wxqr.mp.callback;

import java.util.Map;
import java.util.Optional;

/**
 * A message or event pushed by WeChat, parsed into an immutable typed value. Every type keeps all
 * top-level fields of the push in {@link #fields()}, so nothing WeChat sent is lost; a push of an
 * unknown type is an {@link OtherMessage}, never an error.
 */
public sealed interface InboundMessage
        permits SubscribeEvent,
                UnsubscribeEvent,
                ScanEvent,
                ClickEvent,
                ViewEvent,
                LocationEvent,
                TextMessage,
                ImageMessage,
                SubscribePopupEvent,
                OtherMessage {

    /** Prefix of the EventKey of a follow through a parametric QR code. */
    String QR_SCENE_PREFIX = "qrscene_";

    /**
     * Parses a plaintext push (docs/PROTOCOL.md#pushes). Refuses DOCTYPE declarations and entities.
     *
     * @throws CallbackRejectedException MALFORMED_XML or FORBIDDEN_DTD, or MISSING_PARAMETER when
     *         ToUserName, FromUserName, CreateTime or MsgType is absent or CreateTime is not a number
     */
    static InboundMessage parse(String xml) {
        XmlFields doc = XmlFields.parse(xml);
        return MessageParser.of(doc.fields(), doc.items());
    }

    /** All top-level fields as sent, by element name (nested leaves by dotted path). */
    Map<String, String> fields();

    /** The account's original ID ({@code gh_…}). */
    default String toUser() {
        return fields().get("ToUserName");
    }

    /** The sender's OpenID. */
    default String fromUser() {
        return fields().get("FromUserName");
    }

    /** When WeChat created the message, in Unix seconds. */
    default long createTime() {
        return Long.parseLong(fields().get("CreateTime"));
    }

    /** {@code text}, {@code image}, {@code event}, … as sent. */
    default String msgType() {
        return fields().get("MsgType");
    }

    /**
     * The key that identifies a retried push (docs/PROTOCOL.md#push-retries-and-dedupe): {@code MsgId} for messages,
     * and FromUserName + CreateTime + Event + EventKey for events.
     */
    default String dedupeKey() {
        String msgId = fields().get("MsgId");
        if (msgId != null && !msgId.isEmpty()) {
            return "msg:" + msgId;
        }
        return "event:" + fromUser() + ':' + fields().get("CreateTime") + ':' + fields().getOrDefault("Event", "") + ':'
                + fields().getOrDefault("EventKey", "");
    }

    /**
     * The scene value of a parametric QR code when this is a follow through one ({@code qrscene_}
     * stripped) or a scan by a follower; empty otherwise. Int and string scenes alike are returned
     * as the string WeChat sent.
     */
    default Optional<String> qrScene() {
        return Optional.empty();
    }
}
