package com.wxqr.app.retention;

import com.wxqr.app.system.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What is deleted, and when ({@code wxqr.retention.*}): the job runs every {@code interval};
 * QR codes expired for longer than {@code expired-qr-codes} go (a quote's latest code stays, so its
 * page can still say it expired and offer a new one); delivery-outbox rows finished (sent or
 * failed) longer than {@code finished-deliveries} ago go. Push dedupe records are kept for twice
 * {@code wxqr.wechat.signature-max-age} plus a minute — as long as a replay could pass the
 * timestamp check — and forever when that check is off. Expired sessions, web-authorization
 * states, login codes older than a day and rate-limit windows that no longer count go at the same
 * runs.
 *
 * @param interval how often what is no longer needed is deleted (push dedupe records, QR codes,
 *     deliveries, sessions, web-authorization states, login codes, rate-limit windows)
 * @param expiredQrCodes QR codes expired longer ago are deleted, except each quote's latest
 * @param finishedDeliveries outbox rows sent or failed longer ago are deleted (the quote keeps its
 *     outcome)
 */
@ConfigurationProperties("wxqr.retention")
public record RetentionProperties(
        @DefaultValue("10m") Duration interval,
        @DefaultValue("7d") Duration expiredQrCodes,
        @DefaultValue("7d") Duration finishedDeliveries) {

    public RetentionProperties {
        Settings.positive("wxqr.retention.interval", interval);
        Settings.positive("wxqr.retention.expired-qr-codes", expiredQrCodes);
        Settings.positive("wxqr.retention.finished-deliveries", finishedDeliveries);
    }
}
