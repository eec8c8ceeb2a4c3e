package com.wxqr.app.quote;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.DatabaseTest;
import org.junit.jupiter.api.Test;

/** Over the real migrations, on H2; {@link QuoteRepositoryIT} runs the same tests on PostgreSQL. */
class QuoteRepositoryTest extends DatabaseTest {
    final QuoteRepository repository = new QuoteRepository(db.jdbc());

    QuoteRepositoryTest() {
        now = now.plusMillis(123); // a time with milliseconds, which a quote keeps
    }

    @Test
    void aStoredQuoteReadsBackWithItsLinesInOrderAndWaits() {
        Quote quote = SampleQuotes.store(db.jdbc(), now);
        assertThat(repository.find(quote.publicId())).contains(quote);
        Progress progress = repository.progress(quote.publicId()).orElseThrow();
        assertThat(progress.stage()).isEqualTo(Progress.Stage.WAITING);
        assertThat(progress.ownerOpenid()).isNull();
        assertThat(repository.find("no-such-quote")).isEmpty();
    }

    /** Claims {@code quote} for a scan that, when it wins, leaves the quote at {@code progress}. */
    boolean claim(Quote quote, Progress progress) {
        return repository.claim(
                quote.publicId(), progress.ownerOpenid(), progress.scannedAs(), progress.stage(), progress.updatedAt());
    }

    @Test
    void onlyTheFirstScannerOwnsTheQuoteAndTheOwnerMayScanAgain() {
        Quote quote = SampleQuotes.store(db.jdbc(), now);
        Progress first =
                new Progress(Progress.Stage.DELIVERED, "openid-first", Progress.ScannedAs.NEW_FOLLOWER, null, now);
        Progress second = new Progress(
                Progress.Stage.SCANNED,
                "openid-second",
                Progress.ScannedAs.EXISTING_FOLLOWER,
                null,
                now.plusSeconds(1));
        Progress firstAgain = new Progress(
                Progress.Stage.SCANNED, "openid-first", Progress.ScannedAs.EXISTING_FOLLOWER, null, now.plusSeconds(3));
        assertThat(claim(quote, first)).isTrue();
        assertThat(claim(quote, second)).isFalse();
        assertThat(repository.progress(quote.publicId())).contains(first);
        repository.updateStage(quote.publicId(), Progress.Stage.FAILED, null, "超出时限（45015）", now.plusSeconds(2));
        assertThat(claim(quote, firstAgain)).isTrue();
        assertThat(repository.progress(quote.publicId())).contains(firstAgain);
    }

    @Test
    void theQuotesAnOwnerScannedReadBackWholeNewestFirstAndAtMostTheLimit() {
        Quote oldest = SampleQuotes.store(db.jdbc(), now);
        Quote middle = SampleQuotes.store(db.jdbc(), now.plusSeconds(1));
        Quote newest = SampleQuotes.store(db.jdbc(), now.plusSeconds(2));
        Quote someoneElses = SampleQuotes.store(db.jdbc(), now.plusSeconds(3));
        Progress mine = new Progress(Progress.Stage.DELIVERED, "openid-me", Progress.ScannedAs.NEW_FOLLOWER, null, now);
        for (Quote quote : java.util.List.of(oldest, middle, newest)) {
            assertThat(claim(quote, mine)).isTrue();
        }
        assertThat(claim(
                        someoneElses,
                        new Progress(
                                Progress.Stage.SCANNED,
                                "openid-other",
                                Progress.ScannedAs.EXISTING_FOLLOWER,
                                null,
                                now)))
                .isTrue();

        assertThat(repository.ownedBy("openid-me", 10)).containsExactly(newest, middle, oldest);
        assertThat(repository.ownedBy("openid-me", 2)).containsExactly(newest, middle);
        assertThat(repository.ownedBy("openid-nobody", 10)).isEmpty();
    }

    @Test
    void aQuoteWithoutLinesStillReadsBack() {
        Quote quote = SampleQuotes.store(db.jdbc(), now);
        db.jdbc()
                .sql("delete from quote_line where quote_id = :id")
                .param("id", quote.publicId())
                .update();
        assertThat(repository.find(quote.publicId())).hasValueSatisfying(q -> {
            assertThat(q.lines()).isEmpty();
            assertThat(q.total()).isEqualByComparingTo(quote.total());
        });
    }

    @Test
    void stageUpdatesKeepHowTheOwnerScannedAndCarryTheFailureReason() {
        Quote quote = SampleQuotes.store(db.jdbc(), now);
        repository.updateStage(quote.publicId(), Progress.Stage.SCANNED, Progress.ScannedAs.NEW_FOLLOWER, null, now);
        repository.updateStage(quote.publicId(), Progress.Stage.FAILED, null, "超出时限（45015）", now.plusSeconds(1));
        Progress progress = repository.progress(quote.publicId()).orElseThrow();
        assertThat(progress.stage()).isEqualTo(Progress.Stage.FAILED);
        assertThat(progress.scannedAs()).isEqualTo(Progress.ScannedAs.NEW_FOLLOWER);
        assertThat(progress.failureReason()).isEqualTo("超出时限（45015）");
        assertThat(progress.updatedAt()).isEqualTo(now.plusSeconds(1));
    }
}
