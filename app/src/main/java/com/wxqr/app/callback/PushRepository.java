package com.wxqr.app.callback;

import com.wxqr.app.system.SqlTime;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL for {@code inbound_push}: the pushes acted on, by dedupe key, with their reply decisions. */
@Component
class PushRepository {
    private final JdbcClient jdbc;

    PushRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that the push with {@code dedupeKey} was acted on and what its reply is, in one
     * statement. Call it last in the transaction of the push's effect: when the key is already
     * recorded (an earlier or concurrent push with the same key; a concurrent one is waited for
     * until it commits), this fails with a {@code DuplicateKeyException} and the caller rolls the
     * effect back.
     */
    void record(String dedupeKey, String msgType, Instant now, ReplyDecision decision) {
        jdbc.sql("""
                insert into inbound_push (dedupe_key, received_at, msg_type, reply_kind, reply_text, reply_quote_id)
                values (:key, :now, :type, :kind, :text, :quote)
                """)
                .param("key", dedupeKey)
                .param("now", SqlTime.param(now))
                .param("type", msgType == null ? "" : msgType)
                .param("kind", decision.kind().name())
                .param("text", decision.text())
                .param("quote", decision.quotePublicId())
                .update();
    }

    /**
     * Records that the card of the push with {@code dedupeKey}, given as its passive reply, is to go
     * out as a customer-service message instead; true only for the first caller (the row is locked
     * until the caller's transaction ends), false when it was queued before or the reply was no card.
     */
    boolean markFallbackQueued(String dedupeKey) {
        return jdbc.sql("""
                update inbound_push set fallback_queued = true
                where dedupe_key = :key and reply_kind = :card and fallback_queued = false
                """)
                        .param("key", dedupeKey)
                        .param("card", ReplyDecision.Kind.QUOTE_NEWS.name())
                        .update()
                == 1;
    }

    /** The decision recorded for {@code dedupeKey}; empty when the push is new. */
    Optional<ReplyDecision> decision(String dedupeKey) {
        return jdbc.sql("select reply_kind, reply_text, reply_quote_id from inbound_push where dedupe_key = :key")
                .param("key", dedupeKey)
                .query((rs, n) -> new ReplyDecision(
                        ReplyDecision.Kind.valueOf(rs.getString("reply_kind")),
                        rs.getString("reply_text"),
                        rs.getString("reply_quote_id")))
                .optional();
    }

    /** Deletes the records of pushes received before {@code before}; the number deleted. */
    int deleteReceivedBefore(Instant before) {
        return jdbc.sql("delete from inbound_push where received_at < :before")
                .param("before", SqlTime.param(before))
                .update();
    }
}
