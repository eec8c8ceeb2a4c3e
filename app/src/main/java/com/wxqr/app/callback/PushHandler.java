package com.wxqr.app.callback;

import com.wxqr.app.delivery.DeliveryMetrics;
import com.wxqr.app.delivery.DeliveryProperties;
import com.wxqr.app.delivery.Outbox;
import com.wxqr.app.delivery.QuoteCard;
import com.wxqr.app.profile.WeChatUsers;
import com.wxqr.app.quote.Progress;
import com.wxqr.app.quote.Quotes;
import com.wxqr.app.scan.QrCode;
import com.wxqr.app.scan.QrCodes;
import com.wxqr.app.web.Texts;
import com.wxqr.app.wechat.SceneOwner;
import com.wxqr.mp.callback.InboundMessage;
import com.wxqr.mp.callback.Reply;
import com.wxqr.mp.callback.ScanEvent;
import com.wxqr.mp.callback.SubscribeEvent;
import com.wxqr.mp.callback.TextMessage;
import com.wxqr.mp.callback.UnsubscribeEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on one verified push and decides its reply. The push's dedupe key is inserted in the same
 * transaction as its effect (claiming a quote, recording a follow, writing an outbox row), together
 * with the reply decision: a retried push finds the key and changes nothing; it gets the same reply,
 * except that a lost quote card is sent as a customer-service message instead ({@link #retried}).
 * Never calls a WeChat API, so the push is answered well inside WeChat's 5 seconds.
 */
@Component
class PushHandler {
    /** A scan pushed this soon after our recorded expiry is still honoured: clocks differ. */
    private static final Duration EXPIRY_GRACE = Duration.ofSeconds(30);
    /** Widths of the columns a push's fields go into (wechat_user.openid, inbound_push). */
    private static final int MAX_OPENID = 64;

    private static final int MAX_MSG_TYPE = 32;
    private static final int MAX_DEDUPE_KEY = 400;
    /** Attempts at a push whose transaction collided with another push's (not a retry of it). */
    private static final int MAX_ATTEMPTS = 3;

    private final PushRepository pushes;
    private final ScanStatement scans;
    private final QrCodes qrCodes;
    private final Quotes quotes;
    private final DeliveryProperties delivery;
    private final Outbox outbox;
    private final QuoteCard cards;
    private final WeChatUsers users;
    private final MyQuotes myQuotes;
    private final TransactionTemplate transactions;
    private final Texts texts;
    private final CallbackMetrics metrics;
    private final DeliveryMetrics deliveries;
    private final Clock clock;
    private final List<SceneOwner> sceneOwners;

    PushHandler(
            PushRepository pushes,
            ScanStatement scans,
            QrCodes qrCodes,
            Quotes quotes,
            DeliveryProperties delivery,
            Outbox outbox,
            QuoteCard cards,
            WeChatUsers users,
            MyQuotes myQuotes,
            TransactionTemplate transactions,
            Texts texts,
            CallbackMetrics metrics,
            DeliveryMetrics deliveries,
            Clock clock,
            List<SceneOwner> sceneOwners) {
        this.pushes = pushes;
        this.scans = scans;
        this.qrCodes = qrCodes;
        this.quotes = quotes;
        this.delivery = delivery;
        this.outbox = outbox;
        this.cards = cards;
        this.users = users;
        this.myQuotes = myQuotes;
        this.transactions = transactions;
        this.texts = texts;
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.clock = clock;
        this.sceneOwners = List.copyOf(sceneOwners);
    }

    /**
     * The reply to {@code message}, acting on it the first time its dedupe key is seen. The effect
     * comes first and the dedupe key, with the decision, is inserted last in the same transaction:
     * a push seen before fails that insert, its effect is rolled back and it is answered as a retry
     * ({@link #retried}). A new push therefore costs no lookup of its key. On PostgreSQL a follow or
     * scan goes through {@link ScanStatement} instead (when it is {@linkplain ScanStatement#inUse in
     * use}): effect, decision and key in one statement. The two paths are held to the same replies,
     * rows and counts by {@code PushPathsAgreeIT}.
     *
     * @throws UnfitPushException when a field is longer than what the app stores (answered 400)
     */
    Reply handle(InboundMessage message) {
        checkFits(message);
        String key = message.dedupeKey();
        if (scans.inUse() && delivery.mode() == DeliveryProperties.Mode.PASSIVE) {
            // a follow or a scan not of a login or channel code: in one statement
            if (message instanceof SubscribeEvent follow
                    && ownerOf(follow.scene()).isEmpty()) {
                return handleInOneStatement(message, follow.scene(), Progress.ScannedAs.NEW_FOLLOWER);
            }
            if (message instanceof ScanEvent scan && ownerOf(scan.scene()).isEmpty()) {
                return handleInOneStatement(message, scan.scene(), Progress.ScannedAs.EXISTING_FOLLOWER);
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                ReplyDecision decision = transactions.execute(s -> {
                    ReplyDecision d = decide(message);
                    pushes.record(key, message.msgType(), clock.instant(), d);
                    return d;
                });
                countHandled(message, decision);
                return render(decision);
            } catch (DuplicateKeyException | PessimisticLockingFailureException conflict) {
                Optional<ReplyDecision> recorded = pushes.decision(key);
                if (recorded.isPresent()) {
                    // a retry: the same push was handled before (or concurrently, and has committed)
                    return retried(message, recorded.get());
                }
                // Not this push's key: another first push of the same new user inserted the user row
                // concurrently (PostgreSQL's MERGE does not wait for it), or a lock wait was cut short.
                // That push has committed now, so acting again finds its row.
                if (attempt == MAX_ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    /**
     * {@link #handle} of a follow or scan in one statement and its commit (two round trips), where a
     * retry is told apart by the statement itself instead of a failed insert and a rollback. Only when
     * the statement is in use (PostgreSQL) and delivery passive, for a code no {@link SceneOwner} owns ({@code scene} null: a follow
     * without a code).
     */
    private Reply handleInOneStatement(InboundMessage message, String scene, Progress.ScannedAs scannedAs) {
        boolean follow = scannedAs == Progress.ScannedAs.NEW_FOLLOWER;
        String openid = message.fromUser();
        ScanStatement.Texts replies = new ScanStatement.Texts(
                texts.text(follow && scene == null ? "wechat.welcome" : "wechat.scene.unknown"),
                texts.text("wechat.scene.expired"),
                texts.text("wechat.quote.otherOwner"));
        Instant now = clock.instant();
        ScanStatement.Outcome outcome = transactions.execute(s -> {
            ScanStatement.Outcome o = scans.act(
                            message.dedupeKey(),
                            message.msgType(),
                            openid,
                            scene,
                            scannedAs,
                            now,
                            now.minus(EXPIRY_GRACE),
                            replies)
                    .orElse(null);
            if (o != null && o.fresh() && o.decision().kind() == ReplyDecision.Kind.QUOTE_NEWS) {
                if (!o.claimed()) {
                    throw new IllegalStateException("the card was decided but the quote not claimed");
                }
                // the notification to other instances goes before the commit, as with Quotes.claim
                quotes.claimed(o.decision().quotePublicId(), openid, scannedAs, Progress.Stage.DELIVERED, now);
            }
            if (o != null && o.fallbackMarked()) {
                outbox.enqueue(o.decision().quotePublicId(), openid, Instant.ofEpochSecond(message.createTime()));
            }
            return o;
        });
        if (outcome == null) {
            // a concurrent delivery of this push committed while the statement waited for it
            ReplyDecision recorded = pushes.decision(message.dedupeKey())
                    .orElseThrow(() -> new IllegalStateException("the push's key was neither new nor recorded"));
            return retried(message, recorded);
        }
        if (outcome.fresh()) {
            countHandled(message, outcome.decision());
            return render(outcome.decision());
        }
        return retryAnswer(outcome.decision(), outcome.fallbackMarked());
    }

    /**
     * Counts a push acted on, once its transaction has committed (an attempt rolled back as a retry
     * counts nothing): a follow or scan answered with the card is a passive delivery.
     */
    private void countHandled(InboundMessage message, ReplyDecision decision) {
        if (decision.kind() == ReplyDecision.Kind.QUOTE_NEWS
                && (message instanceof SubscribeEvent || message instanceof ScanEvent)) {
            deliveries.replied();
        }
        metrics.handled(message);
    }

    /**
     * The answer to a retry. WeChat pushes again only when it did not get our answer in time, and
     * it discards late answers: a retry proves the earlier answer was lost. When that answer carried
     * the quote card, the retry gets {@code success} at once and the card is queued as a
     * customer-service message (the scan's window is open), once however many retries follow;
     * otherwise the recorded reply is given again.
     */
    private Reply retried(InboundMessage message, ReplyDecision decision) {
        boolean queued = decision.kind() == ReplyDecision.Kind.QUOTE_NEWS && queueLostCard(message, decision);
        return retryAnswer(decision, queued);
    }

    /** Queues the card once per push (the first retry to mark the push does); false when it was queued before. */
    private boolean queueLostCard(InboundMessage message, ReplyDecision decision) {
        try {
            return Boolean.TRUE.equals(transactions.execute(s -> {
                if (!pushes.markFallbackQueued(message.dedupeKey())) {
                    return false;
                }
                outbox.enqueue(
                        decision.quotePublicId(), message.fromUser(), Instant.ofEpochSecond(message.createTime()));
                return true;
            }));
        } catch (PessimisticLockingFailureException concurrentRetry) {
            // another delivery of this push holds the row and is queuing the card right now
            return false;
        }
    }

    /** What a retry gets: {@code success} when the lost answer was the card, else the recorded reply. */
    private Reply retryAnswer(ReplyDecision decision, boolean cardQueued) {
        metrics.duplicate();
        if (cardQueued) {
            deliveries.lostReplyQueued();
        }
        return decision.kind() == ReplyDecision.Kind.QUOTE_NEWS ? Reply.success() : render(decision);
    }

    /** Refuses what the tables cannot hold, before anything is stored. */
    private static void checkFits(InboundMessage message) {
        if (message.fromUser().length() > MAX_OPENID) {
            throw new UnfitPushException("FromUserName is longer than " + MAX_OPENID + " characters");
        }
        if (message.msgType().length() > MAX_MSG_TYPE) {
            throw new UnfitPushException("MsgType is longer than " + MAX_MSG_TYPE + " characters");
        }
        if (message.dedupeKey().length() > MAX_DEDUPE_KEY) {
            throw new UnfitPushException("MsgId, Event or EventKey is too long to be recorded");
        }
    }

    private ReplyDecision decide(InboundMessage message) {
        String openid = message.fromUser();
        Instant now = clock.instant();
        if (message instanceof SubscribeEvent subscribe) {
            users.recordFollow(openid, now, true);
            return subscribe.scene() == null
                    ? ReplyDecision.text(texts.text("wechat.welcome"))
                    : scanned(subscribe.scene(), openid, Progress.ScannedAs.NEW_FOLLOWER);
        }
        if (message instanceof ScanEvent scan) {
            users.recordFollow(openid, now, false);
            return scanned(scan.scene(), openid, Progress.ScannedAs.EXISTING_FOLLOWER);
        }
        if (message instanceof UnsubscribeEvent) {
            users.recordUnfollow(openid, now);
            return ReplyDecision.success();
        }
        if (myQuotes.asked(message)) {
            return myQuotes.reply(openid);
        }
        if (message instanceof TextMessage) {
            return ReplyDecision.text(texts.text("wechat.help"));
        }
        return ReplyDecision.success();
    }

    private ReplyDecision scanned(String scene, String openid, Progress.ScannedAs scannedAs) {
        Optional<SceneOwner> owner = ownerOf(scene);
        if (owner.isPresent()) { // a login or channel code, not a quote's
            return ReplyDecision.text(owner.get().scanned(scene, openid, scannedAs == Progress.ScannedAs.NEW_FOLLOWER));
        }
        Optional<QrCode> code = scene == null ? Optional.empty() : qrCodes.byScene(scene);
        if (code.isEmpty()) {
            return ReplyDecision.text(texts.text("wechat.scene.unknown"));
        }
        if (code.get().expiresAt().plus(EXPIRY_GRACE).isBefore(clock.instant())) {
            return ReplyDecision.text(texts.text("wechat.scene.expired"));
        }
        String publicId = code.get().quotePublicId();
        if (delivery.mode() == DeliveryProperties.Mode.PASSIVE) {
            // the card is this push's reply: the quote is delivered with the same statement
            if (!quotes.claim(publicId, openid, scannedAs, Progress.Stage.DELIVERED)) {
                return ReplyDecision.text(texts.text("wechat.quote.otherOwner"));
            }
            return ReplyDecision.quoteNews(publicId);
        }
        if (!quotes.claim(publicId, openid, scannedAs, Progress.Stage.SCANNED)) {
            return ReplyDecision.text(texts.text("wechat.quote.otherOwner"));
        }
        outbox.enqueue(publicId, openid); // the card follows as a customer-service message
        return ReplyDecision.success();
    }

    /** The feature (login, channels) whose code {@code scene} is; empty for a quote's code or none. */
    private Optional<SceneOwner> ownerOf(String scene) {
        if (scene == null) {
            return Optional.empty();
        }
        for (SceneOwner owner : sceneOwners) {
            if (owner.owns(scene)) {
                return Optional.of(owner);
            }
        }
        return Optional.empty();
    }

    private Reply render(ReplyDecision decision) {
        return switch (decision.kind()) {
            case SUCCESS -> Reply.success();
            case TEXT -> Reply.text(decision.text());
            case QUOTE_NEWS ->
                Reply.news(cards.of(quotes.find(decision.quotePublicId()).orElseThrow()));
        };
    }
}
