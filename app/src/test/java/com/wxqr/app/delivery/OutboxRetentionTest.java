package com.wxqr.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.quote.SampleQuotes;
import com.wxqr.app.retention.RetentionProperties;
import com.wxqr.app.system.DatabaseTest;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Finished outbox rows go after their retention; pending ones never do; over H2 and PostgreSQL. */
class OutboxRetentionTest extends DatabaseTest {
    final OutboxRepository outbox = new OutboxRepository(db.jdbc());

    OutboxRetentionTest() {
        super(TestDatabases.eachKind());
    }

    /** A new row, claimed (leased) at {@code created} as a worker would before finishing it. */
    OutboxRow row(Instant created) {
        String publicId = SampleQuotes.store(db.jdbc(), created).publicId();
        outbox.insert(publicId, "openid-" + publicId, created, created.plusSeconds(60));
        return db.transactions()
                .execute(s -> outbox.claimNext(created, created.plusSeconds(30)))
                .orElseThrow();
    }

    /** A new row nobody has claimed yet. */
    long pending(Instant created) {
        String publicId = SampleQuotes.store(db.jdbc(), created).publicId();
        outbox.insert(publicId, "openid-" + publicId, created, created.plusSeconds(60));
        return db.jdbc()
                .sql("select id from delivery_outbox where quote_id = :q")
                .param("q", publicId)
                .query(Long.class)
                .single();
    }

    String status(long id) {
        return db.jdbc()
                .sql("select status from delivery_outbox where id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .orElse("deleted");
    }

    String status(OutboxRow row) {
        return status(row.id());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rowsFinishedLongAgoAreDeletedPendingAndRecentOnesStay(TestDatabase.Kind kind) {
        Instant longAgo = now.minus(Duration.ofDays(10));
        OutboxRow sentLongAgo = row(longAgo);
        outbox.markSent(sentLongAgo, longAgo);
        OutboxRow failedLongAgo = row(longAgo);
        outbox.markFailed(failedLongAgo, "45015", longAgo);
        OutboxRow sentRecently = row(now.minus(Duration.ofDays(1)));
        outbox.markSent(sentRecently, now.minus(Duration.ofDays(1)));
        long pendingLongAgo = pending(longAgo);

        RetentionProperties retention = // finished deliveries kept for 7 days
                new RetentionProperties(Duration.ofMinutes(10), Duration.ofDays(7), Duration.ofDays(7));
        assertThat(new OutboxRetention(outbox, retention).prune(now)).isEqualTo(2);

        assertThat(status(sentLongAgo)).isEqualTo("deleted");
        assertThat(status(failedLongAgo)).isEqualTo("deleted");
        assertThat(status(pendingLongAgo)).isEqualTo("PENDING");
        assertThat(status(sentRecently)).isEqualTo("SENT");
    }
}
