package com.wxqr.app.followup;

import com.wxqr.app.callback.PushObserver;
import com.wxqr.app.system.SqlTime;
import com.wxqr.mp.callback.InboundMessage;
import com.wxqr.mp.callback.SubscribePopupEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each follower's 48-hour customer-service window as their messages open it (docs/PROTOCOL.md#customer-service-windows:
 * 5 messages within 48 hours of the last message; an unfollow after it closes it), and the one-time subscriptions
 * accepted in a {@code subscribe_msg_popup_event} (docs/PROTOCOL.md#subscription-notifications). Written in the push's
 * own transaction ({@link PushObserver}), one statement per message. The 1-minute windows of a follow, a scan or a
 * menu tap are not tracked: they close before an owner could act on a lead (the quote card they carry is the
 * outbox's business).
 */
@Component
class Interactions implements PushObserver {
    static final Duration MESSAGE_WINDOW = Duration.ofHours(48);
    static final int MESSAGE_QUOTA = 5;

    private final JdbcClient jdbc;

    Interactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The window open now: since the message {@code opened}, until {@code closes}, {@code quota} messages. */
    record Window(Instant opened, Instant closes, int quota) {}

    @Override
    public void seen(InboundMessage message, Instant now) {
        if (message instanceof SubscribePopupEvent popup) {
            popup.choices().stream()
                    .filter(SubscribePopupEvent.Choice::accepted)
                    .forEach(c -> subscribed(popup.fromUser(), c.templateId(), now));
        } else if (!"event".equalsIgnoreCase(message.msgType())) {
            // a concurrent first message of the same user fails the insert: PushHandler acts on its push again
            jdbc.sql("""
                            merge into follower_window w
                            using (select cast(:openid as varchar(64)) as openid,
                                          cast(:now as timestamp with time zone) as at) s
                            on w.openid = s.openid
                            when matched then update set last_message_at = s.at
                            when not matched then insert (openid, last_message_at) values (s.openid, s.at)
                            """)
                    .param("openid", message.fromUser())
                    .param("now", SqlTime.param(now))
                    .update();
        }
    }

    private void subscribed(String openid, String templateId, Instant now) {
        int updated = jdbc.sql("update notify_subscription set remaining = remaining + 1, updated_at = :now"
                        + " where openid = :openid and template_id = :template")
                .param("now", SqlTime.param(now))
                .param("openid", openid)
                .param("template", templateId)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into notify_subscription (openid, template_id, remaining, updated_at)"
                            + " values (:openid, :template, 1, :now)")
                    .param("openid", openid)
                    .param("template", templateId)
                    .param("now", SqlTime.param(now))
                    .update();
        }
    }

    /** The window open at {@code now}; empty when none is (no message for 48 hours, or an unfollow since). */
    Optional<Window> window(String openid, Instant now) {
        Instant last = lastMessage(openid).orElse(null);
        if (last == null || !now.isBefore(last.plus(MESSAGE_WINDOW))) {
            return Optional.empty();
        }
        return Optional.of(new Window(last, last.plus(MESSAGE_WINDOW), MESSAGE_QUOTA));
    }

    /** The user's last message, unless they unfollowed after it. */
    Optional<Instant> lastMessage(String openid) {
        return jdbc
                .sql("select w.last_message_at, u.subscribed, u.unsubscribed_at from follower_window w"
                        + " left join wechat_user u on u.openid = w.openid where w.openid = :openid")
                .param("openid", openid)
                .query((rs, n) -> {
                    Instant message = SqlTime.read(rs, "last_message_at");
                    Instant unfollowed = SqlTime.read(rs, "unsubscribed_at");
                    boolean gone = rs.getObject("subscribed") != null
                            && !rs.getBoolean("subscribed")
                            && unfollowed != null
                            && !unfollowed.isBefore(message);
                    return gone ? Optional.<Instant>empty() : Optional.of(message);
                })
                .list()
                .stream()
                .findFirst()
                .flatMap(m -> m);
    }

    /** One-time subscriptions to the template the user has left. */
    int subscriptionsLeft(String openid, String templateId) {
        return jdbc.sql("select remaining from notify_subscription where openid = :openid and template_id = :template")
                .param("openid", openid)
                .param("template", templateId)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** Uses one subscription (a send was attempted: WeChat counts it used unless the data was refused). */
    void useSubscription(String openid, String templateId, Instant now) {
        jdbc.sql("update notify_subscription set remaining = remaining - 1, updated_at = :now"
                        + " where openid = :openid and template_id = :template and remaining > 0")
                .param("now", SqlTime.param(now))
                .param("openid", openid)
                .param("template", templateId)
                .update();
    }

    /** WeChat says none is left (43101): the app's count follows. */
    void noSubscriptionLeft(String openid, String templateId, Instant now) {
        jdbc.sql("update notify_subscription set remaining = 0, updated_at = :now"
                        + " where openid = :openid and template_id = :template")
                .param("now", SqlTime.param(now))
                .param("openid", openid)
                .param("template", templateId)
                .update();
    }
}
