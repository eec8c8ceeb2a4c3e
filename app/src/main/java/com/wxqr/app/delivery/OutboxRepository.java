package com.wxqr.app.delivery;

import com.wxqr.app.system.SqlTime;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SQL for {@code delivery_outbox}. A row is claimed one at a time with a lease and a fence: the
 * claim bumps {@code lease_version}, and every later change ({@link #markSent}, {@link #markFailed},
 * {@link #scheduleRetry}, {@link #park}) applies only while the row is still pending under that
 * version. A worker that dies or stalls mid-send leaves a row whose lease runs out and which another
 * worker (or the restarted app) claims again; the stalled worker's late change then changes nothing.
 */
@Component
class OutboxRepository {
    /** The width of {@code last_error}; longer texts are cut, never refused. */
    static final int ERROR_LENGTH = 500;

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
     * Locks the oldest due row that nobody holds ({@code FOR UPDATE SKIP LOCKED}, so concurrent
     * workers take different rows), leases it until {@code leaseUntil} and bumps its fence. Call
     * inside a transaction.
     */
    Optional<OutboxRow> claimNext(Instant now, Instant leaseUntil) {
        Optional<OutboxRow> row = jdbc.sql("""
                select id, quote_id, openid, attempts, window_ends_at, lease_version from delivery_outbox
                where status = 'PENDING' and next_attempt_at <= :now and (lease_until is null or lease_until <= :now)
                order by id
                fetch first 1 rows only
                for update skip locked
                """)
                .param("now", SqlTime.param(now))
                .query((rs, n) -> new OutboxRow(
                        rs.getLong("id"),
                        rs.getString("quote_id"),
                        rs.getString("openid"),
                        rs.getInt("attempts"),
                        SqlTime.read(rs, "window_ends_at"),
                        rs.getLong("lease_version") + 1))
                .optional();
        row.ifPresent(r -> jdbc.sql(
                        "update delivery_outbox set lease_until = :lease, lease_version = :version where id = :id")
                .param("lease", SqlTime.param(leaseUntil))
                .param("version", r.leaseVersion())
                .param("id", r.id())
                .update());
        return row;
    }

    /** True when the row was still leased by {@code row} (and is now sent). */
    boolean markSent(OutboxRow row, Instant now) {
        return endLease(row, "status = 'SENT', finished_at = :at", now, null);
    }

    /** True when the row was still leased by {@code row} (and is now failed). */
    boolean markFailed(OutboxRow row, String error, Instant now) {
        return endLease(row, "status = 'FAILED', finished_at = :at", now, error);
    }

    /**
     * Sets the row aside, still unsent, with {@code reason}: a row the worker cannot handle (an
     * unexpected exception) must not stop the others. True when the row was still leased by {@code row}.
     */
    boolean park(OutboxRow row, String reason, Instant now) {
        return endLease(row, "status = 'PARKED', finished_at = :at", now, reason);
    }

    /** True when the row was still leased by {@code row} (and is now due again at {@code nextAttempt}). */
    boolean scheduleRetry(OutboxRow row, String error, Instant nextAttempt) {
        return endLease(row, "next_attempt_at = :at", nextAttempt, error);
    }

    /**
     * Ends {@code row}'s lease behind the fence: counts the attempt, records {@code error} (cut; null
     * clears it) and applies {@code changes}, whose {@code :at} is {@code at}, only while the row is
     * still pending under that lease. True when it was.
     */
    private boolean endLease(OutboxRow row, String changes, Instant at, String error) {
        return jdbc.sql("update delivery_outbox set attempts = attempts + 1, lease_until = null, last_error = :error, "
                                + changes
                                + " where id = :id and status = 'PENDING' and lease_version = :version")
                        .param("error", cut(error))
                        .param("at", SqlTime.param(at))
                        .param("id", row.id())
                        .param("version", row.leaseVersion())
                        .update()
                == 1;
    }

    /** Whether a card of the quote was ever sent from the outbox (then the quote stays delivered). */
    boolean anySent(String publicId) {
        return jdbc.sql("select count(*) from delivery_outbox where quote_id = :quote and status = 'SENT'")
                        .param("quote", publicId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    static String cut(String text) {
        return text == null || text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH - 1) + "…";
    }

    /** Deletes the rows finished (sent or failed) before {@code before}; pending rows stay. The number deleted. */
    int deleteFinishedBefore(Instant before) {
        return jdbc.sql("delete from delivery_outbox where status <> 'PENDING' and finished_at < :before")
                .param("before", SqlTime.param(before))
                .update();
    }
}
