package com.wxqr.app.delivery;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.wxqr.app.system.SqlTime;

/**
 * SQL for {@code delivery_outbox}. Rows are claimed with a lease: a worker that dies mid-send
 * leaves a row whose lease runs out and which another worker (or the restarted app) claims again.
 */
@Repository
class OutboxRepository {
    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String publicId, String openid, Instant now, Instant windowEndsAt) {
        jdbc.sql("""
                insert into delivery_outbox (quote_id, openid, status, attempts, next_attempt_at, window_ends_at, created_at)
                values (:quote, :openid, 'PENDING', 0, :now, :window, :now)
                """)
                .param("quote", publicId)
                .param("openid", openid)
                .param("now", SqlTime.param(now))
                .param("window", SqlTime.param(windowEndsAt))
                .update();
    }

    /**
     * Locks up to {@code limit} due rows that nobody holds ({@code FOR UPDATE SKIP LOCKED}, so
     * concurrent workers take different rows) and leases them until {@code leaseUntil}. Call
     * inside a transaction.
     */
    List<OutboxRow> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<OutboxRow> rows = jdbc.sql("""
                select id, quote_id, openid, attempts, window_ends_at from delivery_outbox
                where status = 'PENDING' and next_attempt_at <= :now and (lease_until is null or lease_until <= :now)
                order by id
                fetch first :limit rows only
                for update skip locked
                """)
                .param("now", SqlTime.param(now))
                .param("limit", limit)
                .query((rs, n) -> new OutboxRow(rs.getLong("id"), rs.getString("quote_id"), rs.getString("openid"),
                        rs.getInt("attempts"), SqlTime.read(rs, "window_ends_at")))
                .list();
        for (OutboxRow row : rows) {
            jdbc.sql("update delivery_outbox set lease_until = :lease where id = :id")
                    .param("lease", SqlTime.param(leaseUntil))
                    .param("id", row.id())
                    .update();
        }
        return rows;
    }

    void markSent(long id, Instant now) {
        jdbc.sql("""
                update delivery_outbox set status = 'SENT', attempts = attempts + 1, lease_until = null,
                       finished_at = :now, last_error = null
                where id = :id
                """)
                .param("now", SqlTime.param(now))
                .param("id", id)
                .update();
    }

    void markFailed(long id, String error, Instant now) {
        jdbc.sql("""
                update delivery_outbox set status = 'FAILED', attempts = attempts + 1, lease_until = null,
                       finished_at = :now, last_error = :error
                where id = :id
                """)
                .param("now", SqlTime.param(now))
                .param("error", error)
                .param("id", id)
                .update();
    }

    void scheduleRetry(long id, String error, Instant nextAttempt) {
        jdbc.sql("""
                update delivery_outbox set attempts = attempts + 1, lease_until = null, next_attempt_at = :next,
                       last_error = :error
                where id = :id
                """)
                .param("next", SqlTime.param(nextAttempt))
                .param("error", error)
                .param("id", id)
                .update();
    }

    /** Deletes the rows finished (sent or failed) before {@code before}; pending rows stay. The number deleted. */
    int deleteFinishedBefore(Instant before) {
        return jdbc.sql("delete from delivery_outbox where status <> 'PENDING' and finished_at < :before")
                .param("before", SqlTime.param(before))
                .update();
    }
}
