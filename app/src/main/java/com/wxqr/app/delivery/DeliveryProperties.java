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
 *
 * @param mode passive: the news card is the reply to the push (instant, no token, no quota; if that
 *     answer is lost, the card follows once as a customer-service message); custom: a
 *     customer-service message sent from the outbox
 * @param titleTemplate the card's title; placeholders {area} (building area), {usableArea},
 *     {total}, {market}, {saving}
 * @param descriptionTemplate the card's description, with the same placeholders
 * @param pictureUrl the card's picture: an http(s) URL, or a path on this site
 * @param maxAttempts customer-service delivery: sends of one card before it is recorded as failed
 * @param firstBackoff customer-service delivery: wait before the first retry, doubled each time
 *     (half of it random)
 * @param pollInterval customer-service delivery: how often the outbox is checked for due retries and
 *     rows left by stopped instances
 * @param lease how long a claimed outbox row is reserved for the worker sending it; keep it longer
 *     than wxqr.wechat.call-timeout
 * @param window customer-service delivery: WeChat's window after a scan or follow; a card not sent
 *     within it is recorded as failed
 * @param workers outbox worker threads per instance (1-64), so one slow send does not hold the others
 */
@ConfigurationProperties("wxqr.delivery")
public record DeliveryProperties(
        @DefaultValue("passive") Mode mode,
        @DefaultValue("您的装修报价：{total} 元") String titleTemplate,

        @DefaultValue("建筑面积 {area} ㎡，我们的报价 {total} 元，市场价 {market} 元，为您节省 {saving} 元。")
        String descriptionTemplate,

        @DefaultValue("/card.png") String pictureUrl,
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
        pictureUrl = Settings.stripped(pictureUrl).isEmpty() ? "/card.png" : pictureUrl.strip();
        if (!pictureUrl.startsWith("http://") && !pictureUrl.startsWith("https://") && !pictureUrl.startsWith("/")) {
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
