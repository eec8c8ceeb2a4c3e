package com.wxqr.app.delivery;

import com.wxqr.app.system.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the quote card reaches the scanner ({@code wxqr.delivery.*}). {@code mode} is {@code passive}
 * (the news card is the reply to the push) or {@code custom} (a customer-service message sent from
 * the outbox). Templates may use {@code {area}} (building area), {@code {usableArea}},
 * {@code {total}}, {@code {market}} and {@code {saving}}.
 */
@ConfigurationProperties("wxqr.delivery")
public record DeliveryProperties(
        @DefaultValue("passive") Mode mode,
        @DefaultValue("您的装修报价：{total} 元") String titleTemplate,

        @DefaultValue("建筑面积 {area} ㎡，我们的报价 {total} 元，市场价 {market} 元，为您节省 {saving} 元。")
        String descriptionTemplate,

        @DefaultValue("") String pictureUrl,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration firstBackoff,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("60s") Duration window,
        @DefaultValue("4") int workers) {

    public DeliveryProperties {
        if (titleTemplate == null || titleTemplate.isBlank()) {
            throw new IllegalArgumentException("wxqr.delivery.title-template must not be blank");
        }
        Settings.between("wxqr.delivery.workers", workers, 1, 64);
        Settings.atLeast("wxqr.delivery.max-attempts", maxAttempts, 1);
        Settings.positive("wxqr.delivery.first-backoff", firstBackoff);
        Settings.positive("wxqr.delivery.poll-interval", pollInterval);
        Settings.positive("wxqr.delivery.lease", lease);
        Settings.positive("wxqr.delivery.window", window);
        if (pictureUrl != null
                && !pictureUrl.isBlank()
                && !pictureUrl.startsWith("http://")
                && !pictureUrl.startsWith("https://")
                && !pictureUrl.startsWith("/")) {
            throw new IllegalArgumentException(
                    "wxqr.delivery.picture-url must be an http(s) URL or a path on this site such as /card.png");
        }
    }

    /** How the card reaches the scanner. */
    public enum Mode {
        /**
         * The news card is the reply to the push itself; when a retry shows that reply was lost, the
         * card follows once as a customer-service message from the outbox.
         */
        PASSIVE,
        /** The card goes as a customer-service message, sent from the outbox. */
        CUSTOM
    }
}
