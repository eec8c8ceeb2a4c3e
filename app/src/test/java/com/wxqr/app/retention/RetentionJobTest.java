package com.wxqr.app.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every prunable runs at each pass, one failing does not stop the others, deletions are counted. */
class RetentionJobTest {

    record Fixed(String what, int deletes, List<Instant> calls) implements Prunable {
        @Override
        public int prune(Instant now) {
            calls.add(now);
            if (deletes < 0) {
                throw new IllegalStateException("database gone");
            }
            return deletes;
        }
    }

    @Test
    void aFailingPrunableDoesNotStopTheOthersAndDeletionsAreCounted() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        List<Instant> calls = new ArrayList<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RetentionJob job = new RetentionJob(
                List.of(new Fixed("broken", -1, calls), new Fixed("codes", 3, calls)),
                meters,
                Clock.fixed(now, ZoneOffset.UTC),
                new RetentionProperties(Duration.ofMinutes(10), Duration.ofDays(7), Duration.ofDays(7)));
        job.run();
        job.run();
        assertThat(calls).hasSize(4).containsOnly(now);
        assertThat(meters.counter("wxqr.retention.deleted", "what", "codes").count())
                .isEqualTo(6);
    }

    @Test
    void everyCleanupIsCountedFromTheStartAtZero() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new RetentionJob(
                List.of(new Fixed("sessions", 0, new ArrayList<>()), new Fixed("codes", 2, new ArrayList<>())),
                meters,
                Clock.systemUTC(),
                new RetentionProperties(Duration.ofMinutes(10), Duration.ofDays(7), Duration.ofDays(7)));
        assertThat(meters.find(RetentionJob.DELETED).counters())
                .extracting(c -> c.getId().getTag("what"))
                .containsExactlyInAnyOrder("sessions", "codes");
        assertThat(meters.find(RetentionJob.DELETED).counters())
                .extracting(Counter::count)
                .containsOnly(0.0);
    }
}
