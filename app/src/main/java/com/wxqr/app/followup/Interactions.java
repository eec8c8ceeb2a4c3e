package com.wxqr.app.followup;

import com.wxqr.app.callback.PushObserver;
import com.wxqr.app.system.SqlTime;
import com.wxqr.mp.callback.ClickEvent;
import com.wxqr.mp.callback.InboundMessage;
import com.wxqr.mp.callback.ScanEvent;
import com.wxqr.mp.callback.SubscribeEvent;
import com.wxqr.mp.callback.SubscribePopupEvent;
import com.wxqr.mp.callback.UnsubscribeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each follower's customer-service window as the pushes open it (docs/PROTOCOL.md#customer-service-windows): a
 * message opens 48 hours (5 messages), a follow, a scan or a click / scancode menu tap opens 1 minute (3 messages);
 * an unfollow closes both. Also records the one-time subscriptions accepted in a {@code subscribe_msg_popup_event}
 * (docs/PROTOCOL.md#subscription-notifications). Written in the push's own transaction ({@link PushObserver}).
 */
@Component
class Interactions implements PushObserver {
    static final Duration MESSAGE_WINDOW = Duration.ofHours(48);
    static final int MESSAGE_QUOTA = 5;
    static final Duration ACTION_WINDOW = Duration.ofMinutes(1);
    static final int ACTION_QUOTA = 3;

    private final JdbcClient jdbc;

    Interactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The window the user's last interactions left open at {@code now}. */
    record Window(Instant opened, Instant closes, int quota) {}

    @Override
    public void seen(InboundMessage message, Instant now) {
        String openid = message.fromUser();
        if (message instanceof SubscribePopupEvent popup) {
            popup.choices().stream()
                    .filter(SubscribePopupEvent.Choice::accepted)
                    .forEach(c -> subscribed(openid, c.templateId(), now));
            return;
        }
        if (message instanceof UnsubscribeEvent) {
            jdbc.sql("update follower_window set last_message_at = null, last_action_at = null, updated_at = :now"
                            + " where openid = :openid")
                    .param("now", SqlTime.param(now))
                    .param("openid", openid)
                    .update();
            return;
        }
        if (!"event".equalsIgnoreCase(message.msgType())) {
            record(openid, "last_message_at", now);
        } else if (message instanceof SubscribeEvent || message instanceof ScanEvent || message instanceof ClickEvent
                || isScancodeMenu(message)) {
            record(openid, "last_action_at", now);
        }
    }

    private static boolean isScancodeMenu(InboundMessage message) {
        String event = message.fields().getOrDefault("Event", "").toLowerCase(Locale.ROOT);
        return event.equals("scancode_push") || event.equals("scancode_waitmsg");
    }

    private void record(String openid, String column, Instant now) {
        int updated = jdbc.sql("update follower_window set " + column + " = :now, updated_at = :now where openid = :openid")
                .param("now", SqlTime.param(now))
                .param("openid", openid)
                .update();
        if (updated == 0) {
            // a first push of this user; a concurrent first push fails the insert and its push is retried by WeChat
            jdbc.sql("insert into follower_window (openid, " + column + ", updated_at) values (:openid, :now, :now)")
                    .param("openid", openid)
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

    /** The window open at {@code now}, the 48-hour one first; empty when none is. */
    Optional<Window> window(String openid, Instant now) {
        Instant[] last = last(openid);
        if (last[0] != null && now.isBefore(last[0].plus(MESSAGE_WINDOW))) {
            return Optional.of(new Window(last[0], last[0].plus(MESSAGE_WINDOW), MESSAGE_QUOTA));
        }
        if (last[1] != null && now.isBefore(last[1].plus(ACTION_WINDOW))) {
            return Optional.of(new Window(last[1], last[1].plus(ACTION_WINDOW), ACTION_QUOTA));
        }
        return Optional.empty();
    }

    /** The last interaction recorded, for the page; empty when none. */
    Optional<Instant> lastInteraction(String openid) {
        Instant[] last = last(openid);
        if (last[0] == null) {
            return Optional.ofNullable(last[1]);
        }
        return Optional.of(last[1] == null || last[0].isAfter(last[1]) ? last[0] : last[1]);
    }

    /** The last message and the last follow, scan or tap, each null when none. */
    private Instant[] last(String openid) {
        return jdbc.sql("select last_message_at, last_action_at from follower_window where openid = :openid")
                .param("openid", openid)
                .query((rs, n) -> new Instant[] {SqlTime.read(rs, "last_message_at"), SqlTime.read(rs, "last_action_at")})
                .list()
                .stream()
                .findFirst()
                .orElse(new Instant[2]);
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
