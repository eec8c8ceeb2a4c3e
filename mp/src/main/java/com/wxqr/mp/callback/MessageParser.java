package com.wxqr.mp.callback;

import java.util.Collections;
import java.util.Map;

/** Maps the raw fields of a push to its typed {@link InboundMessage}. */
final class MessageParser {

    private MessageParser() {}

    static InboundMessage of(Map<String, String> raw) {
        return of(raw, java.util.List.of());
    }

    /** {@code items}: the {@code <List>} children of the push's container (subscription events). */
    static InboundMessage of(Map<String, String> raw, java.util.List<Map<String, String>> items) {
        Map<String, String> fields = Collections.unmodifiableMap(raw);
        for (String required : new String[] {"ToUserName", "FromUserName", "CreateTime", "MsgType"}) {
            String value = fields.get(required);
            if (value == null || value.isEmpty()) {
                throw new CallbackRejectedException(
                        CallbackRejectedException.Reason.MISSING_PARAMETER, "the push has no " + required);
            }
        }
        if (!isDigits(fields.get("CreateTime"))) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.MISSING_PARAMETER, "CreateTime is not a number");
        }
        String msgType = fields.get("MsgType");
        if ("event".equalsIgnoreCase(msgType)) {
            return "subscribe_msg_popup_event".equals(fields.get("Event"))
                    ? SubscribePopupEvent.of(fields, items)
                    : event(fields);
        }
        return switch (msgType) {
            case "text" -> new TextMessage(fields, fields.getOrDefault("Content", ""), fields.get("MsgId"));
            case "image" -> new ImageMessage(fields, fields.get("PicUrl"), fields.get("MediaId"), fields.get("MsgId"));
            default -> new OtherMessage(fields);
        };
    }

    private static InboundMessage event(Map<String, String> fields) {
        String event = fields.getOrDefault("Event", "");
        String key = fields.get("EventKey");
        String ticket = fields.get("Ticket");
        switch (event.toLowerCase(java.util.Locale.ROOT)) {
            case "subscribe" -> {
                String scene = key != null
                                && key.startsWith(InboundMessage.QR_SCENE_PREFIX)
                                && key.length() > InboundMessage.QR_SCENE_PREFIX.length()
                        ? key.substring(InboundMessage.QR_SCENE_PREFIX.length())
                        : null;
                return new SubscribeEvent(fields, scene, ticket);
            }
            case "unsubscribe" -> {
                return new UnsubscribeEvent(fields);
            }
            case "scan" -> {
                if (key == null || key.isEmpty()) {
                    return new OtherMessage(fields);
                }
                String scene = key.startsWith(InboundMessage.QR_SCENE_PREFIX)
                        ? key.substring(InboundMessage.QR_SCENE_PREFIX.length())
                        : key;
                return new ScanEvent(fields, scene, ticket);
            }
            case "click" -> {
                return new ClickEvent(fields, key == null ? "" : key);
            }
            case "view" -> {
                return new ViewEvent(fields, key == null ? "" : key);
            }
            case "location" -> {
                try {
                    return new LocationEvent(
                            fields,
                            Double.parseDouble(fields.getOrDefault("Latitude", "")),
                            Double.parseDouble(fields.getOrDefault("Longitude", "")),
                            Double.parseDouble(fields.getOrDefault("Precision", "0")));
                } catch (NumberFormatException e) {
                    return new OtherMessage(fields);
                }
            }
            default -> {
                return new OtherMessage(fields);
            }
        }
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
