package com.wxqr.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.wxqr.app.quote.SampleQuotes;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;

/** Over the real migrations, on H2; {@link OutboxRepositoryIT} runs the same tests on PostgreSQL. */
class OutboxRepositoryTests {
    @RegisterExtension
    final TestDatabases db = TestDatabases.of(TestDatabase.Kind.H2);
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    final OutboxRepository outbox = new OutboxRepository(db.jdbc());

    List<OutboxRow> claim(Instant at, Instant leaseUntil, int limit) {
        return db.transactions().execute(s -> outbox.claimDue(at, leaseUntil, limit));
    }

    int count(String status) {
        return db.jdbc().sql("select count(*) from delivery_outbox where status = :s").param("s", status)
                .query(Integer.class).single();
    }

    String newRow() {
        String publicId = SampleQuotes.store(db.jdbc(), now).publicId();
        outbox.insert(publicId, "openid-" + publicId, now, now.plusSeconds(60));
        return publicId;
    }

    @Test
    void aClaimedRowIsLeasedAndNotClaimedAgainUntilTheLeaseRunsOut() {
        String publicId = newRow();
        List<OutboxRow> first = claim(now, now.plusSeconds(30), 10);
        assertThat(first).singleElement().satisfies(row -> {
            assertThat(row.quotePublicId()).isEqualTo(publicId);
            assertThat(row.attempts()).isZero();
            assertThat(row.windowEndsAt()).isEqualTo(now.plusSeconds(60));
        });
        assertThat(claim(now.plusSeconds(10), now.plusSeconds(40), 10)).isEmpty();
        // the worker that held it died: after the lease, another claims it
        assertThat(claim(now.plusSeconds(31), now.plusSeconds(61), 10))
                .extracting(OutboxRow::quotePublicId).containsExactly(publicId);
    }

    @Test
    void retriesWaitForTheirTimeAndFinishedRowsAreNeverClaimed() {
        newRow();
        newRow();
        List<OutboxRow> rows = claim(now, now.plusSeconds(30), 10);
        assertThat(rows).hasSize(2);
        outbox.markSent(rows.get(0).id(), now);
        outbox.scheduleRetry(rows.get(1).id(), "-1 system error", now.plusSeconds(5));
        assertThat(claim(now.plusSeconds(4), now.plusSeconds(34), 10)).isEmpty();
        List<OutboxRow> retried = claim(now.plusSeconds(5), now.plusSeconds(35), 10);
        assertThat(retried).singleElement().satisfies(row -> {
            assertThat(row.id()).isEqualTo(rows.get(1).id());
            assertThat(row.attempts()).isEqualTo(1);
        });
        outbox.markFailed(rows.get(1).id(), "45015", now.plusSeconds(6));
        assertThat(count("SENT")).isEqualTo(1);
        assertThat(count("FAILED")).isEqualTo(1);
        assertThat(claim(now.plusSeconds(100), now.plusSeconds(130), 10)).isEmpty();
    }

    @Test
    void concurrentWorkersSkipTheRowsAnotherWorkerHoldsLocked() throws Exception {
        for (int i = 0; i < 4; i++) {
            newRow();
        }
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<OutboxRow>> first = pool.submit(() -> db.transactions().execute(s -> {
                List<OutboxRow> rows = outbox.claimDue(now, now.plusSeconds(30), 2);
                firstHolds.countDown();
                try {
                    secondDone.await(10, TimeUnit.SECONDS); // keep the row locks while the second worker claims
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return rows;
            }));
            assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();
            Future<List<OutboxRow>> second = pool.submit(() -> {
                try {
                    return claim(now, now.plusSeconds(30), 10);
                } finally {
                    secondDone.countDown();
                }
            });
            List<OutboxRow> secondRows = second.get(20, TimeUnit.SECONDS);
            List<OutboxRow> firstRows = first.get(20, TimeUnit.SECONDS);
            assertThat(firstRows).hasSize(2);
            if (db.kind() == TestDatabase.Kind.POSTGRESQL) {
                assertThat(secondRows).hasSize(2); // H2 (one instance only) may hand out fewer, never the same
            }
            assertThat(secondRows).extracting(OutboxRow::id)
                    .doesNotContainAnyElementsOf(firstRows.stream().map(OutboxRow::id).toList());
        } finally {
            pool.shutdownNow();
        }
    }
}
