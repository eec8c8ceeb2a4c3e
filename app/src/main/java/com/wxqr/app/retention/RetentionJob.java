package com.wxqr.app.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes what is kept no longer ({@link RetentionProperties}) every {@code wxqr.retention.interval},
 * each {@link Prunable} in its own statement. Safe on several instances at once: the deletes are
 * idempotent. A failure is logged and retried at the next run.
 */
@Component
class RetentionJob implements SchedulingConfigurer {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    /** The counter of rows deleted, tagged {@code what} with {@link Prunable#what()}. */
    static final String DELETED = "wxqr.retention.deleted";

    private final List<Prunable> prunables;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration interval;

    RetentionJob(List<Prunable> prunables, MeterRegistry meters, Clock clock, RetentionProperties retention) {
        this.prunables = List.copyOf(prunables);
        this.meters = meters;
        this.clock = clock;
        this.interval = retention.interval();
        // every cleanup is visible from the start, at zero until it deletes something
        this.prunables.forEach(prunable -> deleted(prunable));
    }

    /** First {@code wxqr.retention.interval} after the start, then that long after each run ends. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::run, interval, interval));
    }

    void run() {
        Instant now = clock.instant();
        for (Prunable prunable : prunables) {
            try {
                int deleted = prunable.prune(now);
                deleted(prunable).increment(deleted);
                if (deleted > 0) {
                    log.info("retention: deleted {} {}", deleted, prunable.what());
                }
            } catch (RuntimeException e) {
                log.warn("retention: pruning {} failed, retried at the next run: {}", prunable.what(), e.toString());
            }
        }
    }

    private Counter deleted(Prunable prunable) {
        return Counter.builder(DELETED)
                .tag("what", prunable.what())
                .description("rows deleted because they are kept no longer")
                .register(meters);
    }
}
