package com.wxqr.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import com.wxqr.emulator.EmulatorClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Over the real migrations, on H2 and on PostgreSQL; several limiters on one database stand for several instances. */
class RateLimiterTest {
    static final RateLimiter.Bucket QR = new RateLimiter.Bucket("qr", 20, Duration.ofMinutes(10));

    @RegisterExtension
    final TestDatabases db = TestDatabases.eachKind();

    final EmulatorClock clock = // starts at the start of a fixed window
            new EmulatorClock(Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));

    RateLimiter limiter() {
        return new RateLimiter(db.jdbc(), clock);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theTwentyFirstHitWithinTheWindowIsRefusedWhicheverInstanceCountsIt(TestDatabase.Kind kind) {
        List<RateLimiter> instances = List.of(limiter(), limiter(), limiter());
        for (int i = 0; i < 20; i++) {
            assertThat(instances.get(i % 3).tryAcquire(QR, "203.0.113.7"))
                    .as("hit %d", i + 1)
                    .isTrue();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(instances.get(2).hasRoom(QR, "203.0.113.7")).isFalse();
        assertThat(instances.get(2).tryAcquire(QR, "203.0.113.7")).isFalse();
        assertThat(instances.get(0).tryAcquire(QR, "203.0.113.8"))
                .as("another client")
                .isTrue();
        assertThat(instances.get(0).tryAcquire(new RateLimiter.Bucket("form", 5, Duration.ofMinutes(1)), "203.0.113.7"))
                .as("another bucket")
                .isTrue();
        int stored = db.jdbc()
                .sql("select hits from rate_limit_hit where bucket = 'qr' and client = '203.0.113.7'")
                .query(Integer.class)
                .single();
        assertThat(stored).isEqualTo(20);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theLimitHoldsAcrossAWindowBoundaryAndRoomReturnsAsThePreviousWindowSlidesAway(TestDatabase.Kind kind) {
        RateLimiter limiter = limiter();
        clock.advance(Duration.ofMinutes(9)); // the last minute of a window
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.tryAcquire(QR, "c")).isTrue();
        }
        clock.advance(Duration.ofMinutes(2)); // one minute into the next window: 90 % of the previous still counts
        assertThat(limiter.tryAcquire(QR, "c"))
                .as("18 of 20 weighed in, 2 allowed")
                .isTrue();
        assertThat(limiter.tryAcquire(QR, "c")).isTrue();
        assertThat(limiter.tryAcquire(QR, "c")).isFalse();
        clock.advance(Duration.ofMinutes(5)); // 40 % of the previous window left: 8 weighed in + 2 = 10
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire(QR, "c")).as("hit %d", i).isTrue();
        }
        assertThat(limiter.tryAcquire(QR, "c")).isFalse();
        clock.advance(Duration.ofMinutes(20)); // both windows gone
        assertThat(limiter.hasRoom(QR, "c")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = "POSTGRESQL")
    void concurrentHitsOnSeveralInstancesNeverAdmitMoreThanTheLimit(TestDatabase.Kind kind) throws Exception {
        List<RateLimiter> instances = List.of(limiter(), limiter(), limiter());
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Boolean>> hits = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                RateLimiter instance = instances.get(i % 3);
                hits.add(() -> instance.tryAcquire(QR, "198.51.100.1"));
            }
            int admitted = 0;
            for (Future<Boolean> hit : pool.invokeAll(hits)) {
                admitted += hit.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = "H2")
    void oldWindowsAreForgotten(TestDatabase.Kind kind) {
        RateLimiter limiter = limiter();
        limiter.tryAcquire(QR, "old");
        clock.advance(Duration.ofDays(2));
        limiter.tryAcquire(QR, "new");
        assertThat(limiter.prune(clock.instant())).isEqualTo(1);
        assertThat(db.jdbc()
                        .sql("select client from rate_limit_hit")
                        .query(String.class)
                        .list())
                .containsExactly("new");
    }

    @Test
    void aBucketNamesItsBadSetting() {
        assertThatThrownBy(() -> new RateLimiter.Bucket("qr", 0, Duration.ofMinutes(1)))
                .hasMessageContaining("qr")
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> new RateLimiter.Bucket("qr", 1, Duration.ofMillis(10)))
                .hasMessageContaining("window");
    }
}
