package com.wxqr.app.callback;

import com.wxqr.app.quote.Progress;
import com.wxqr.app.system.Postgres;
import com.wxqr.app.system.SqlTime;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A follow or a scan of a quote's code acted on, decided and recorded in one PostgreSQL statement
 * (a data-modifying {@code WITH}), where the portable path sends four to six: the code looked up,
 * its quote locked, the push's dedupe key inserted with the decided reply ({@code on conflict do
 * nothing}: a key seen before changes nothing), and only for a new key the follower upserted and the
 * quote claimed and marked delivered. A retry gets the recorded reply from the same statement and,
 * when that reply was the quote card, marks it for the customer-service fallback (true once).
 *
 * <p>The quote is locked before the decision is taken, so two people scanning one code at once are
 * decided in turn: the first gets the card, the second "someone else's", as on the portable path.
 * The caller runs it in the push's transaction, which also carries the quote's status notification.
 */
@Repository
class ScanStatement {
    private static final String SQL = """
            with code as (
                select quote_id from qr_code where scene_str = cast(:scene as varchar)
            ),
            claimable as (
                select q.public_id, q.owner_openid from quote q join qr_code c on c.quote_id = q.public_id
                where c.scene_str = cast(:scene as varchar) and c.expires_at >= cast(:validFrom as timestamptz)
                for update of q
            ),
            decision as (
                select case when c.quote_id is null or q.public_id is null then cast(:textKind as varchar)
                            when q.owner_openid <> cast(:openid as varchar) then cast(:textKind as varchar)
                            else cast(:cardKind as varchar) end as reply_kind,
                       case when c.quote_id is null then cast(:noCodeText as varchar)
                            when q.public_id is null then cast(:expiredText as varchar)
                            when q.owner_openid <> cast(:openid as varchar) then cast(:otherOwnerText as varchar)
                       end as reply_text,
                       case when q.owner_openid is null or q.owner_openid = cast(:openid as varchar)
                            then q.public_id end as reply_quote_id
                from (values (1)) as one (x) left join code c on true left join claimable q on true
            ),
            fresh as (
                insert into inbound_push (dedupe_key, received_at, msg_type, reply_kind, reply_text, reply_quote_id)
                select cast(:key as varchar), cast(:now as timestamptz), cast(:msgType as varchar),
                       reply_kind, reply_text, reply_quote_id
                from decision
                on conflict (dedupe_key) do nothing
                returning reply_kind, reply_text, reply_quote_id
            ),
            follower as (
                insert into wechat_user (openid, subscribed, subscribed_at)
                select cast(:openid as varchar), true, cast(:followedAt as timestamptz) from fresh
                on conflict (openid) do update
                set subscribed = true, subscribed_at = coalesce(excluded.subscribed_at, wechat_user.subscribed_at)
            ),
            claimed as (
                update quote set owner_openid = cast(:openid as varchar), status = cast(:delivered as varchar),
                                 scanned_as = cast(:scannedAs as varchar), failure_reason = null,
                                 updated_at = cast(:now as timestamptz)
                where public_id = (select reply_quote_id from fresh)
                  and (owner_openid is null or owner_openid = cast(:openid as varchar))
                returning public_id
            ),
            fallback as (
                update inbound_push set fallback_queued = true
                where dedupe_key = cast(:key as varchar) and reply_kind = cast(:cardKind as varchar) and not fallback_queued
                  and not exists (select 1 from fresh)
                returning dedupe_key
            )
            select true as fresh, reply_kind, reply_text, reply_quote_id,
                   exists (select 1 from claimed) as claimed, false as fallback_queued
            from fresh
            union all
            select false, p.reply_kind, p.reply_text, p.reply_quote_id, false, exists (select 1 from fallback)
            from inbound_push p
            where p.dedupe_key = cast(:key as varchar) and not exists (select 1 from fresh)
            """;

    /** The texts a follow or scan may be answered with, other than the card. */
    record Texts(String noCode, String expired, String otherOwner) {}

    /**
     * What the statement did: for a new push ({@code fresh}) its decision and whether it claimed the
     * quote; for a retry the recorded decision and whether this call marked the card's fallback.
     */
    record Outcome(boolean fresh, ReplyDecision decision, boolean claimed, boolean fallbackMarked) {}

    private final JdbcClient jdbc;
    private final boolean inUse;

    /** The app's: in use when its database is PostgreSQL. */
    @Autowired
    ScanStatement(JdbcClient jdbc, DataSource dataSource) {
        this(jdbc, Postgres.at(dataSource));
    }

    /**
     * A statement that {@link PushHandler} sends follows and scans through when {@code inUse}, and
     * otherwise leaves to the portable path. Only PostgreSQL runs it.
     */
    ScanStatement(JdbcClient jdbc, boolean inUse) {
        this.jdbc = jdbc;
        this.inUse = inUse;
    }

    /** Whether follows and scans go through this statement; when not, the portable path acts on them. */
    boolean inUse() {
        return inUse;
    }

    /**
     * Acts on the follow ({@code scannedAs} {@code NEW_FOLLOWER}) or scan of {@code scene} (null: a
     * follow without a code) by {@code openid}, in the caller's transaction; a code counts as valid
     * while its expiry is not before {@code validFrom}. Empty when the key was recorded by a
     * concurrent push that committed after this statement began: neither acted on nor visible here,
     * the caller reads it afresh.
     */
    Optional<Outcome> act(
            String dedupeKey,
            String msgType,
            String openid,
            String scene,
            Progress.ScannedAs scannedAs,
            Instant now,
            Instant validFrom,
            Texts texts) {
        return jdbc.sql(SQL)
                .param("scene", scene)
                .param("validFrom", SqlTime.param(validFrom))
                .param("openid", openid)
                .param("noCodeText", texts.noCode())
                .param("expiredText", texts.expired())
                .param("otherOwnerText", texts.otherOwner())
                .param("key", dedupeKey)
                .param("now", SqlTime.param(now))
                .param("msgType", msgType)
                .param("followedAt", SqlTime.param(scannedAs == Progress.ScannedAs.NEW_FOLLOWER ? now : null))
                .param("scannedAs", scannedAs.name())
                .param("textKind", ReplyDecision.Kind.TEXT.name())
                .param("cardKind", ReplyDecision.Kind.QUOTE_NEWS.name())
                .param("delivered", Progress.Stage.DELIVERED.name())
                .query((rs, n) -> new Outcome(
                        rs.getBoolean("fresh"),
                        new ReplyDecision(
                                ReplyDecision.Kind.valueOf(rs.getString("reply_kind")),
                                rs.getString("reply_text"),
                                rs.getString("reply_quote_id")),
                        rs.getBoolean("claimed"),
                        rs.getBoolean("fallback_queued")))
                .optional();
    }
}
