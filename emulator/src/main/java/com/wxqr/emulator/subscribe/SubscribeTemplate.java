package com.wxqr.emulator.subscribe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A subscription-notification template the account chose under 订阅通知 (docs/PROTOCOL.md#subscription-notifications):
 * its private id, title and content whose {@code {{key.DATA}}} placeholders name the {@code data} keys of a send.
 *
 * @param type 2 一次性订阅 (the only kind the emulator grants)
 */
public record SubscribeTemplate(String priTmplId, String title, String content, int type) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+[0-9]+)\\.DATA}}");

    /** The data keys the content names, in order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(content);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    /** The content with each placeholder replaced by its value ({@code values} holds a value for every key). */
    public String render(java.util.Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(content);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
