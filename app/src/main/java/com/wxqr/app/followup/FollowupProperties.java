package com.wxqr.app.followup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * 联系客户 ({@code wxqr.followup.*}): the subscription-notification template chosen under 订阅通知 in the console
 * (blank: no notifications, only customer-service messages within the window) and the data keys of its two
 * keywords, the quote's number and a short note (docs/PROTOCOL.md#subscription-notifications).
 *
 * @param templateId the one-time subscription-notification template (chosen under 订阅通知 in the console)
 *     联系客户 uses outside the window; empty: customer-service messages within the window only
 * @param quoteKey the template's data key that gets the quote's number
 * @param noteKey the template's data key that gets the owner's note (20 characters)
 */
@ConfigurationProperties("wxqr.followup")
public record FollowupProperties(
        @DefaultValue("") String templateId,
        @DefaultValue("character_string1") String quoteKey,
        @DefaultValue("thing2") String noteKey) {

    public FollowupProperties {
        templateId = templateId == null ? "" : templateId.strip();
        if (!templateId.isEmpty() && !templateId.matches("[A-Za-z0-9_-]{1,128}")) {
            throw new IllegalArgumentException(
                    "wxqr.followup.template-id must be the template's id as the console shows it (letters, digits, _ and -)");
        }
        for (String key : new String[] {quoteKey, noteKey}) {
            if (key == null || !key.matches("[a-z_]+[0-9]+")) {
                throw new IllegalArgumentException(
                        "wxqr.followup.quote-key and note-key must be data keys of the template such as thing2");
            }
        }
    }

    boolean notifications() {
        return !templateId.isEmpty();
    }
}
