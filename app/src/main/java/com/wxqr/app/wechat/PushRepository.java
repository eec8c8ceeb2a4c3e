package com.wxqr.app.wechat;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.wxqr.app.system.SqlTime;

/** SQL for {@code inbound_push}: the pushes acted on, by dedupe key, with their reply decisions. */
@Repository
class PushRepository {
    private static final String PENDING = "PENDING";

    private final JdbcClient jdbc;

    PushRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code dedupeKey} for this transaction. A concurrent or earlier claim of the same key
     * makes this fail with a {@code DuplicateKeyException} (after the other transaction commits).
     */
    void claim(String dedupeKey, String msgType, Instant now) {
        jdbc.sql("insert into inbound_push (dedupe_key, received_at, msg_type, reply_kind) values (:key, :now, :type, :kind)")
                .param("key", dedupeKey)
                .param("now", SqlTime.param(now))
                .param("type", msgType == null ? "" : msgType)
                .param("kind", PENDING)
                .update();
    }

    void saveDecision(String dedupeKey, ReplyDecision decision) {
        jdbc.sql("update inbound_push set reply_kind = :kind, reply_text = :text, reply_quote_id = :quote where dedupe_key = :key")
                .param("kind", decision.kind().name())
                .param("text", decision.text())
                .param("quote", decision.quoteId())
                .param("key", dedupeKey)
                .update();
    }

    /** The decision stored for {@code dedupeKey}; empty when the push is new. */
    Optional<ReplyDecision> decision(String dedupeKey) {
        return jdbc.sql("select reply_kind, reply_text, reply_quote_id from inbound_push where dedupe_key = :key")
                .param("key", dedupeKey)
                .query((rs, n) -> {
                    String kind = rs.getString("reply_kind");
                    return PENDING.equals(kind) ? ReplyDecision.success()
                            : new ReplyDecision(ReplyDecision.Kind.valueOf(kind), rs.getString("reply_text"),
                                    rs.getString("reply_quote_id"));
                })
                .optional();
    }
}
