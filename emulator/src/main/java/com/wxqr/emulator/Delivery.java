package com.wxqr.emulator;

import java.util.List;

/**
 * What happened when a user's action was pushed to the account.
 *
 * @param event     {@code subscribe}, {@code SCAN}, {@code unsubscribe}, {@code CLICK}, {@code VIEW} or {@code text};
 *                  null when nothing was pushed ({@code not_followed})
 * @param eventKey  the EventKey sent ({@code qrscene_X}, {@code X}, empty, the menu key or URL), null for text
 * @param ticket    the Ticket sent, null without a code
 * @param attempts  every delivery, in order
 * @param outcome   {@code replied} (a passive reply reached the user), {@code accepted} ({@code success} or
 *                  empty), {@code notice} (the user saw {@link #SERVICE_UNAVAILABLE}), {@code ignored}
 *                  (answers to unsubscribe and VIEW are not shown), {@code no_callback} (the account has no URL) or
 *                  {@code not_followed} (a non-follower scanned and the account's profile page is open: no push yet)
 * @param reply     the passive reply as the user saw it, or null
 * @param notice    the system notice the user saw, or null
 * @param detail    why the answer was judged bad, or null
 */
public record Delivery(
        String event,
        String eventKey,
        String ticket,
        List<PushAttempt> attempts,
        String outcome,
        ChatMessage reply,
        String notice,
        String detail) {

    /**
     * The notice WeChat shows when the account's server did not answer properly
     * (docs/PROTOCOL.md#push-retries-and-dedupe).
     */
    public static final String SERVICE_UNAVAILABLE = "该公众号暂时无法提供服务，请稍后再试";
}
