package com.wxqr.app.followup;

import com.wxqr.app.admin.Audit;
import com.wxqr.app.delivery.QuoteCard;
import com.wxqr.app.quote.Quote;
import com.wxqr.app.quote.Quotes;
import com.wxqr.mp.api.WeChatApiException;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatTransportException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 联系客户 on a lead: what may be sent now and the sending. Within the lead's customer-service window
 * (docs/PROTOCOL.md#customer-service-windows) a text or a fresh quote card; outside it a subscription notification
 * if the lead subscribed and has one left (docs/PROTOCOL.md#subscription-notifications); otherwise nothing, with the
 * reason. Every attempt is recorded with WeChat's answer.
 */
@Component
class FollowUp {
    /** The longest text the owner may send (WeChat refuses longer ones with 45002). */
    static final int MAX_TEXT = 600;
    /** A {@code thing} value holds 20 characters. */
    private static final int MAX_NOTE = 20;

    private final JdbcClient jdbc;
    private final Interactions interactions;
    private final ContactAttempts attempts;
    private final Quotes quotes;
    private final QuoteCard cards;
    private final WeChatClient weChat;
    private final FollowupProperties properties;
    private final Audit audit;
    private final Clock clock;

    FollowUp(
            JdbcClient jdbc,
            Interactions interactions,
            ContactAttempts attempts,
            Quotes quotes,
            QuoteCard cards,
            WeChatClient weChat,
            FollowupProperties properties,
            Audit audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.interactions = interactions;
        this.attempts = attempts;
        this.quotes = quotes;
        this.cards = cards;
        this.weChat = weChat;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** A lead as 联系客户 shows it; {@code openid} null when nobody scanned its code yet. */
    record Lead(String publicId, String openid, String nickname, BigDecimal usableArea, BigDecimal total) {}

    /** How the lead may be reached now: {@code reason} (a message key) says why not when neither way is open. */
    record Options(
            boolean message,
            boolean notification,
            String reason,
            Interactions.Window window,
            int messagesLeft,
            int subscriptionsLeft,
            Instant lastInteraction) {}

    enum Kind {
        TEXT,
        CARD,
        NOTIFICATION;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Optional<Lead> lead(String publicId) {
        if (publicId == null || !publicId.matches("[A-Za-z0-9_-]{1,32}")) {
            return Optional.empty();
        }
        return jdbc
                .sql("select q.public_id, q.owner_openid, q.usable_area, q.total, u.nickname from quote q"
                        + " left join wechat_user u on u.openid = q.owner_openid where q.public_id = :id")
                .param("id", publicId)
                .query((rs, n) -> new Lead(
                        rs.getString("public_id"),
                        rs.getString("owner_openid"),
                        rs.getString("nickname"),
                        rs.getBigDecimal("usable_area"),
                        rs.getBigDecimal("total")))
                .list()
                .stream()
                .findFirst();
    }

    Options options(Lead lead) {
        if (lead.openid() == null) {
            return new Options(false, false, "followup.reason.noUser", null, 0, 0, null);
        }
        Instant now = clock.instant();
        Interactions.Window window = interactions.window(lead.openid(), now).orElse(null);
        int messagesLeft = window == null
                ? 0
                : Math.max(0, window.quota() - attempts.deliveredSince(lead.openid(), window.opened()));
        int subscriptionsLeft =
                properties.notifications() ? interactions.subscriptionsLeft(lead.openid(), properties.templateId()) : 0;
        boolean message = messagesLeft > 0;
        boolean notification = !message && subscriptionsLeft > 0;
        String reason = message || notification
                ? null
                : window == null ? "followup.reason.expired" : "followup.reason.quotaSpent";
        return new Options(
                message,
                notification,
                reason,
                window,
                messagesLeft,
                subscriptionsLeft,
                interactions.lastMessage(lead.openid()).orElse(null));
    }

    /**
     * Sends to the lead as {@code kind} allows now and records the attempt with WeChat's answer; returns it.
     *
     * @throws IllegalArgumentException with a message key when the kind is not open now or the text is unfit
     */
    ContactAttempts.Attempt send(Lead lead, String actor, Kind kind, String text) {
        Options options = options(lead);
        boolean allowed = kind == Kind.NOTIFICATION ? options.notification() : options.message();
        if (!allowed) {
            throw new IllegalArgumentException(options.reason() == null ? "followup.reason.notNow" : options.reason());
        }
        String content = text == null ? "" : text.strip();
        if ((kind == Kind.TEXT || kind == Kind.NOTIFICATION) && content.isEmpty()) {
            throw new IllegalArgumentException("followup.error.empty");
        }
        if (content.length() > MAX_TEXT) {
            throw new IllegalArgumentException("followup.error.tooLong");
        }
        Quote quote =
                quotes.find(lead.publicId()).orElseThrow(() -> new IllegalArgumentException("followup.error.gone"));
        String openid = lead.openid();
        String sent = content;
        int errcode = 0;
        String errmsg = "ok";
        try {
            switch (kind) {
                case TEXT -> weChat.sendText(openid, content);
                case CARD -> {
                    var card = cards.of(quote);
                    sent = card.title();
                    weChat.sendNews(openid, card);
                }
                case NOTIFICATION -> {
                    String note = content.codePointCount(0, content.length()) > MAX_NOTE
                            ? content.substring(0, content.offsetByCodePoints(0, MAX_NOTE - 1)) + "…"
                            : content;
                    sent = note;
                    Map<String, String> data = new LinkedHashMap<>();
                    data.put(properties.quoteKey(), quote.publicId());
                    data.put(properties.noteKey(), note);
                    weChat.sendSubscribeNotification(
                            openid, properties.templateId(), cards.of(quote).url(), data);
                    interactions.useSubscription(openid, properties.templateId(), clock.instant());
                }
            }
        } catch (WeChatApiException e) {
            errcode = e.errcode();
            errmsg = e.errmsg();
            if (kind == Kind.NOTIFICATION && errcode == 43101) {
                interactions.noSubscriptionLeft(openid, properties.templateId(), clock.instant());
            }
        } catch (WeChatTransportException e) {
            errcode = -1;
            errmsg = "network: " + e.getMessage();
        }
        ContactAttempts.Attempt attempt =
                new ContactAttempts.Attempt(clock.instant(), kind.column(), sent, errcode, errmsg);
        attempts.record(lead.publicId(), openid, actor, attempt);
        audit.record(actor, "lead.contact", "报价 " + lead.publicId() + "，" + kind.column() + "，errcode " + errcode);
        return attempt;
    }

    /** The lead's attempts, newest first. */
    java.util.List<ContactAttempts.Attempt> attempts(Lead lead) {
        return attempts.of(lead.publicId());
    }
}
