package com.wxqr.mp.callback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The user answered the subscription popup of a page or an article ({@code subscribe_msg_popup_event},
 * docs/PROTOCOL.md#subscription-notifications): one choice per template.
 */
public record SubscribePopupEvent(Map<String, String> fields, List<Choice> choices) implements InboundMessage {

    /**
     * @param status {@code accept} or {@code reject} as WeChat sent it
     * @param scene  1 a web page, 2 an article, 0 when absent
     */
    public record Choice(String templateId, String status, int scene) {
        public boolean accepted() {
            return "accept".equals(status);
        }
    }

    public SubscribePopupEvent {
        choices = List.copyOf(choices);
    }

    /** The event from the push's fields and its {@code <List>} items; items without a TemplateId are skipped. */
    static SubscribePopupEvent of(Map<String, String> fields, List<Map<String, String>> items) {
        List<Choice> choices = new ArrayList<>();
        for (Map<String, String> item : items) {
            String id = item.get("TemplateId");
            if (id == null || id.isEmpty()) {
                continue;
            }
            int scene;
            try {
                scene = Integer.parseInt(item.getOrDefault("PopupScene", "0").strip());
            } catch (NumberFormatException e) {
                scene = 0;
            }
            choices.add(new Choice(id, item.getOrDefault("SubscribeStatusString", ""), scene));
        }
        return new SubscribePopupEvent(fields, choices);
    }

    /**
     * Each popup push is one answer; several templates answered at once come in one push. The answers are part of the
     * key, as a SHA-256 when they are long, so the key stays well under the 400 characters the app records.
     */
    @Override
    public String dedupeKey() {
        String answers = String.join(
                ",",
                choices.stream().map(c -> c.templateId() + "=" + c.status()).toList());
        if (answers.length() > 250) {
            try {
                answers = java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(answers.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
        return "event:" + fromUser() + ':' + fields().get("CreateTime") + ":subscribe_msg_popup_event:" + answers;
    }
}
