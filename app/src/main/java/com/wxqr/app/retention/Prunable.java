package com.wxqr.app.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.function.ToIntFunction;

/** Rows a feature no longer needs, deleted by the {@link RetentionJob}. */
public interface Prunable {
    /** What is pruned, for the log and the {@code wxqr_retention_deleted_total{what}} metric. */
    String what();

    /** Deletes what is no longer needed at {@code now}; the number of rows deleted. */
    int prune(Instant now);

    /** A prunable named {@code what} that deletes with {@code prune}, given the time now. */
    static Prunable of(String what, ToIntFunction<Instant> prune) {
        Objects.requireNonNull(what, "what == null");
        Objects.requireNonNull(prune, "prune == null");
        return new Prunable() {
            @Override
            public String what() {
                return what;
            }

            @Override
            public int prune(Instant now) {
                return prune.applyAsInt(now);
            }
        };
    }
}
