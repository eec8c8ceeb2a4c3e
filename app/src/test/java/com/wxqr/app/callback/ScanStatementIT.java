package com.wxqr.app.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.quote.Progress;
import com.wxqr.app.quote.SampleQuotes;
import com.wxqr.app.system.DatabaseTest;
import com.wxqr.app.system.SqlTime;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link ScanStatement}'s SQL on PostgreSQL (the only database that runs it): the claim of the
 * quote, the follower upsert, the dedupe record with its reply decision, and the marking of a lost
 * card's fallback on a retry. {@link PushPathsAgreeIT} compares it with the portable path.
 */
class ScanStatementIT extends DatabaseTest {
    static final Duration GRACE = Duration.ofSeconds(30);
    static final ScanStatement.Texts TEXTS = new ScanStatement.Texts("no such code", "expired", "someone else's");

    final ScanStatement statement = new ScanStatement(db.jdbc(), true);

    ScanStatementIT() {
        super(TestDatabases.of(TestDatabase.Kind.POSTGRESQL));
    }

    record QuoteRow(String owner, String status, String scannedAs, String failureReason, Instant updatedAt) {}

    record UserRow(boolean subscribed, Instant subscribedAt, Instant unsubscribedAt) {}

    record PushRow(Instant receivedAt, String msgType, String kind, String text, String quoteId, boolean fallback) {}

    /** A stored quote with a code {@code scene} that expires at {@code expiresAt}; the quote's public id. */
    String quoteWithCode(String scene, Instant expiresAt) {
        String publicId = SampleQuotes.store(db.jdbc(), now.minusSeconds(600)).publicId();
        db.jdbc()
                .sql("""
                        insert into qr_code (scene_str, quote_id, ticket, url, expires_at, created_at)
                        values (:scene, :quote, 'ticket', 'http://weixin.qq.com/q/x', :expires, :created)
                        """)
                .param("scene", scene)
                .param("quote", publicId)
                .param("expires", SqlTime.param(expiresAt))
                .param("created", SqlTime.param(now.minusSeconds(600)))
                .update();
        return publicId;
    }

    /** The statement in a transaction of its own, as the push handler runs it, at {@link #now}. */
    ScanStatement.Outcome act(String key, String openid, String scene, Progress.ScannedAs scannedAs) {
        return db.transactions()
                .execute(s -> statement
                        .act(key, "event", openid, scene, scannedAs, now, now.minus(GRACE), TEXTS)
                        .orElseThrow());
    }

    ScanStatement.Outcome follow(String key, String openid, String scene) {
        return act(key, openid, scene, Progress.ScannedAs.NEW_FOLLOWER);
    }

    ScanStatement.Outcome scan(String key, String openid, String scene) {
        return act(key, openid, scene, Progress.ScannedAs.EXISTING_FOLLOWER);
    }

    QuoteRow quote(String publicId) {
        return db.jdbc()
                .sql(
                        "select owner_openid, status, scanned_as, failure_reason, updated_at from quote where public_id = :id")
                .param("id", publicId)
                .query((rs, n) -> new QuoteRow(
                        rs.getString("owner_openid"),
                        rs.getString("status"),
                        rs.getString("scanned_as"),
                        rs.getString("failure_reason"),
                        SqlTime.read(rs, "updated_at")))
                .single();
    }

    UserRow user(String openid) {
        return db.jdbc()
                .sql("select subscribed, subscribed_at, unsubscribed_at from wechat_user where openid = :openid")
                .param("openid", openid)
                .query((rs, n) -> new UserRow(
                        rs.getBoolean("subscribed"),
                        SqlTime.read(rs, "subscribed_at"),
                        SqlTime.read(rs, "unsubscribed_at")))
                .single();
    }

    PushRow push(String key) {
        return db.jdbc()
                .sql("""
                        select received_at, msg_type, reply_kind, reply_text, reply_quote_id, fallback_queued
                        from inbound_push where dedupe_key = :key
                        """)
                .param("key", key)
                .query((rs, n) -> new PushRow(
                        SqlTime.read(rs, "received_at"),
                        rs.getString("msg_type"),
                        rs.getString("reply_kind"),
                        rs.getString("reply_text"),
                        rs.getString("reply_quote_id"),
                        rs.getBoolean("fallback_queued")))
                .single();
    }

    int count(String table) {
        return db.jdbc()
                .sql("select count(*) from " + table)
                .query(Integer.class)
                .single();
    }

    @Test
    void aFollowThroughAValidCodeClaimsTheQuoteMarksItDeliveredAndRecordsTheFollowerAndTheCard() {
        String id = quoteWithCode("s-valid", now.plusSeconds(60));

        ScanStatement.Outcome outcome = follow("k1", "oOwner", "s-valid");

        assertThat(outcome).isEqualTo(new ScanStatement.Outcome(true, ReplyDecision.quoteNews(id), true, false));
        assertThat(quote(id)).isEqualTo(new QuoteRow("oOwner", "DELIVERED", "NEW_FOLLOWER", null, now));
        assertThat(user("oOwner")).isEqualTo(new UserRow(true, now, null));
        assertThat(push("k1")).isEqualTo(new PushRow(now, "event", "QUOTE_NEWS", null, id, false));
    }

    @Test
    void theOwnerScanningAgainGetsTheCardAgainAndKeepsWhenTheyFollowed() {
        String id = quoteWithCode("s-valid", now.plusSeconds(60));
        Instant followed = now;
        follow("k1", "oOwner", "s-valid");
        now = now.plusSeconds(5);

        ScanStatement.Outcome again = scan("k2", "oOwner", "s-valid");

        assertThat(again).isEqualTo(new ScanStatement.Outcome(true, ReplyDecision.quoteNews(id), true, false));
        assertThat(quote(id)).isEqualTo(new QuoteRow("oOwner", "DELIVERED", "EXISTING_FOLLOWER", null, now));
        assertThat(user("oOwner")).isEqualTo(new UserRow(true, followed, null));
    }

    @Test
    void aSecondScannerGetsSomeoneElsesTextAndTheQuoteKeepsItsOwner() {
        String id = quoteWithCode("s-valid", now.plusSeconds(60));
        follow("k1", "oOwner", "s-valid");
        Instant claimedAt = now;
        now = now.plusSeconds(5);

        ScanStatement.Outcome other = scan("k2", "oOther", "s-valid");

        assertThat(other)
                .isEqualTo(new ScanStatement.Outcome(true, ReplyDecision.text("someone else's"), false, false));
        assertThat(quote(id)).isEqualTo(new QuoteRow("oOwner", "DELIVERED", "NEW_FOLLOWER", null, claimedAt));
        assertThat(user("oOther")).isEqualTo(new UserRow(true, null, null));
        assertThat(push("k2")).isEqualTo(new PushRow(now, "event", "TEXT", "someone else's", null, false));
    }

    @Test
    void aCodeIsHonouredUntilTheGraceAfterItsExpiryEndsAndThenAnsweredAsExpired() {
        String atTheEdge = quoteWithCode("s-edge", now.minus(GRACE));
        String beyond = quoteWithCode("s-beyond", now.minus(GRACE).minusMillis(1));

        assertThat(scan("k1", "oEdge", "s-edge").decision()).isEqualTo(ReplyDecision.quoteNews(atTheEdge));
        ScanStatement.Outcome expired = follow("k2", "oLate", "s-beyond");

        assertThat(expired).isEqualTo(new ScanStatement.Outcome(true, ReplyDecision.text("expired"), false, false));
        assertThat(quote(beyond).owner()).isNull();
        assertThat(quote(beyond).status()).isEqualTo("WAITING");
        assertThat(user("oLate")).isEqualTo(new UserRow(true, now, null));
        assertThat(push("k2")).isEqualTo(new PushRow(now, "event", "TEXT", "expired", null, false));
    }

    @Test
    void anUnknownCodeOrAFollowWithoutOneGetsTheNoCodeTextAndRecordsTheFollower() {
        quoteWithCode("s-valid", now.plusSeconds(60));

        assertThat(scan("k1", "oScanner", "not-a-code"))
                .isEqualTo(new ScanStatement.Outcome(true, ReplyDecision.text("no such code"), false, false));
        assertThat(follow("k2", "oFollower", null))
                .isEqualTo(new ScanStatement.Outcome(true, ReplyDecision.text("no such code"), false, false));

        assertThat(user("oScanner")).isEqualTo(new UserRow(true, null, null));
        assertThat(user("oFollower")).isEqualTo(new UserRow(true, now, null));
        assertThat(push("k2")).isEqualTo(new PushRow(now, "event", "TEXT", "no such code", null, false));
        assertThat(db.jdbc()
                        .sql("select count(*) from quote where owner_openid is not null")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aFollowerWhoUnfollowedIsSubscribedAgainAndOnlyAFollowMovesWhenTheyFollowed() {
        Instant unfollowed = now.minusSeconds(100);
        db.jdbc()
                .sql("""
                        insert into wechat_user (openid, subscribed, subscribed_at, unsubscribed_at)
                        values ('oBack', false, :followed, :unfollowed)
                        """)
                .param("followed", SqlTime.param(now.minusSeconds(200)))
                .param("unfollowed", SqlTime.param(unfollowed))
                .update();

        scan("k1", "oBack", "not-a-code");
        assertThat(user("oBack")).isEqualTo(new UserRow(true, now.minusSeconds(200), unfollowed));
        follow("k2", "oBack", null);
        assertThat(user("oBack")).isEqualTo(new UserRow(true, now, unfollowed));
    }

    @Test
    void aRetryOfTheCardChangesNothingAndMarksItsFallbackOnce() {
        String id = quoteWithCode("s-valid", now.plusSeconds(60));
        Instant first = now;
        follow("k1", "oOwner", "s-valid");
        now = now.plusSeconds(5);

        ScanStatement.Outcome retry = follow("k1", "oOwner", "s-valid");
        ScanStatement.Outcome again = follow("k1", "oOwner", "s-valid");

        assertThat(retry).isEqualTo(new ScanStatement.Outcome(false, ReplyDecision.quoteNews(id), false, true));
        assertThat(again).isEqualTo(new ScanStatement.Outcome(false, ReplyDecision.quoteNews(id), false, false));
        assertThat(push("k1")).isEqualTo(new PushRow(first, "event", "QUOTE_NEWS", null, id, true));
        assertThat(quote(id)).isEqualTo(new QuoteRow("oOwner", "DELIVERED", "NEW_FOLLOWER", null, first));
        assertThat(user("oOwner")).isEqualTo(new UserRow(true, first, null));
        assertThat(count("inbound_push")).isEqualTo(1);
    }

    @Test
    void aRetryOfATextGetsTheRecordedTextAndChangesNothing() {
        String id = quoteWithCode("s-valid", now.plusSeconds(60));
        follow("k1", "oOwner", "s-valid");
        follow("k2", "oOther", "s-valid");
        // the owner's code expires and the other scanner follows nobody any more: the retry is still
        // answered with what was decided when the push was first acted on
        db.jdbc()
                .sql("update qr_code set expires_at = :past")
                .param("past", SqlTime.param(now.minusSeconds(3600)))
                .update();
        db.jdbc()
                .sql("update wechat_user set subscribed = false where openid = 'oOther'")
                .update();

        ScanStatement.Outcome retry = follow("k2", "oOther", "s-valid");

        assertThat(retry)
                .isEqualTo(new ScanStatement.Outcome(false, ReplyDecision.text("someone else's"), false, false));
        assertThat(push("k2").fallback()).isFalse();
        assertThat(user("oOther").subscribed()).isFalse();
        assertThat(quote(id).owner()).isEqualTo("oOwner");
        assertThat(count("inbound_push")).isEqualTo(2);
    }
}
