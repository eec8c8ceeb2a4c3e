package com.wxqr.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.quote.SampleQuotes;
import com.wxqr.app.system.DatabaseTest;
import com.wxqr.app.system.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Over the real migrations, on H2; {@link OutboxRepositoryIT} runs the same tests on PostgreSQL. */
class OutboxRepositoryTest extends DatabaseTest {
    final OutboxRepository outbox = new OutboxRepository(db.jdbc());

    Optional<OutboxRow> claim(Instant at, Instant leaseUntil) {
        return db.transactions().execute(s -> outbox.claimNext(at, leaseUntil));
    }

    List<OutboxRow> claimAll(Instant at, Instant leaseUntil) {
        List<OutboxRow> rows = new ArrayList<>();
        for (Optional<OutboxRow> row = claim(at, leaseUntil); row.isPresent(); row = claim(at, leaseUntil)) {
            rows.add(row.get());
        }
        return rows;
    }

    int count(String status) {
        return db.jdbc()
                .sql("select count(*) from delivery_outbox where status = :s")
                .param("s", status)
                .query(Integer.class)
                .single();
    }

    String newRow() {
        String publicId = SampleQuotes.store(db.jdbc(), now).publicId();
        outbox.insert(publicId, "openid-" + publicId, now, now.plusSeconds(60));
        return publicId;
    }

    @Test
    void aClaimedRowIsLeasedAndNotClaimedAgainUntilTheLeaseRunsOut() {
        String publicId = newRow();
        OutboxRow first = claim(now, now.plusSeconds(30)).orElseThrow();
        assertThat(first.quotePublicId()).isEqualTo(publicId);
        assertThat(first.attempts()).isZero();
        assertThat(first.windowEndsAt()).isEqualTo(now.plusSeconds(60));
        assertThat(claim(now.plusSeconds(10), now.plusSeconds(40))).isEmpty();
        // the worker that held it died: after the lease, another claims it
        assertThat(claim(now.plusSeconds(31), now.plusSeconds(61)))
                .map(OutboxRow::quotePublicId)
                .contains(publicId);
    }

    @Test
    void retriesWaitForTheirTimeAndFinishedRowsAreNeverClaimed() {
        newRow();
        newRow();
        List<OutboxRow> rows = claimAll(now, now.plusSeconds(30));
        assertThat(rows).hasSize(2);
        assertThat(outbox.markSent(rows.get(0), now)).isTrue();
        assertThat(outbox.scheduleRetry(rows.get(1), "-1 system error", now.plusSeconds(5)))
                .isTrue();
        assertThat(claim(now.plusSeconds(4), now.plusSeconds(34))).isEmpty();
        OutboxRow retried = claim(now.plusSeconds(5), now.plusSeconds(35)).orElseThrow();
        assertThat(retried.id()).isEqualTo(rows.get(1).id());
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(outbox.markFailed(retried, "45015", now.plusSeconds(6))).isTrue();
        assertThat(count("SENT")).isEqualTo(1);
        assertThat(count("FAILED")).isEqualTo(1);
        assertThat(claim(now.plusSeconds(100), now.plusSeconds(130))).isEmpty();
        assertThat(outbox.anySent(rows.get(0).quotePublicId())).isTrue();
        assertThat(outbox.anySent(rows.get(1).quotePublicId())).isFalse();
    }

    @Test
    void aWorkerWhoseLeaseWasTakenOverChangesNothing() {
        newRow();
        OutboxRow stalled = claim(now, now.plusSeconds(30)).orElseThrow();
        OutboxRow takenOver = claim(now.plusSeconds(31), now.plusSeconds(61)).orElseThrow();
        assertThat(takenOver.id()).isEqualTo(stalled.id());
        assertThat(takenOver.leaseVersion()).isGreaterThan(stalled.leaseVersion());

        assertThat(outbox.markFailed(stalled, "late", now.plusSeconds(40))).isFalse();
        assertThat(outbox.scheduleRetry(stalled, "late", now.plusSeconds(41))).isFalse();
        assertThat(outbox.park(stalled, "late", now.plusSeconds(42))).isFalse();
        assertThat(outbox.markSent(stalled, now.plusSeconds(43))).isFalse();
        assertThat(count("PENDING")).isEqualTo(1);

        assertThat(outbox.markSent(takenOver, now.plusSeconds(44))).isTrue();
        // a late failure of the earlier holder cannot turn the sent row failed
        assertThat(outbox.markFailed(stalled, "late", now.plusSeconds(45))).isFalse();
        assertThat(outbox.markFailed(takenOver, "late", now.plusSeconds(45))).isFalse();
        assertThat(count("SENT")).isEqualTo(1);
    }

    @Test
    void anOverlongErrorIsCutToTheColumnAndAParkedRowIsNeverClaimedAgain() {
        newRow();
        newRow();
        OutboxRow first = claim(now, now.plusSeconds(30)).orElseThrow();
        assertThat(outbox.scheduleRetry(first, "x".repeat(5000), now)).isTrue();
        assertThat(db.jdbc()
                        .sql("select last_error from delivery_outbox where id = :id")
                        .param("id", first.id())
                        .query(String.class)
                        .single())
                .hasSize(OutboxRepository.ERROR_LENGTH)
                .endsWith("…");
        OutboxRow second = claimAll(now, now.plusSeconds(30)).get(0);
        assertThat(outbox.park(second, "java.lang.IllegalStateException: " + "y".repeat(2000), now))
                .isTrue();
        assertThat(count("PARKED")).isEqualTo(1);
        assertThat(claimAll(now.plusSeconds(100), now.plusSeconds(130)))
                .extracting(OutboxRow::id)
                .doesNotContain(second.id());
    }

    @Test
    void concurrentWorkersSkipTheRowAnotherWorkerHoldsLocked() throws Exception {
        for (int i = 0; i < 4; i++) {
            newRow();
        }
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<OutboxRow>> first =
                    pool.submit(() -> db.transactions().execute(s -> {
                        Optional<OutboxRow> row = outbox.claimNext(now, now.plusSeconds(30));
                        firstHolds.countDown();
                        try {
                            secondDone.await(10, TimeUnit.SECONDS); // keep the row lock while the second worker claims
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return row;
                    }));
            assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();
            Future<List<OutboxRow>> second = pool.submit(() -> {
                try {
                    return claimAll(now, now.plusSeconds(30));
                } finally {
                    secondDone.countDown();
                }
            });
            List<OutboxRow> secondRows = second.get(20, TimeUnit.SECONDS);
            OutboxRow firstRow = first.get(20, TimeUnit.SECONDS).orElseThrow();
            if (db.kind() == TestDatabase.Kind.POSTGRESQL) {
                assertThat(secondRows).hasSize(3); // H2 (one instance only) may hand out fewer, never the same
            }
            assertThat(secondRows).extracting(OutboxRow::id).doesNotContain(firstRow.id());
        } finally {
            pool.shutdownNow();
        }
    }
}
