package com.wxqr.app.system;

import java.time.Instant;

/** Rows a feature no longer needs, deleted by the {@link RetentionJob}. */
public interface Prunable {
    /** What is pruned, for the log and the {@code wxqr_retention_deleted_total{what}} metric. */
    String what();

    /** Deletes what is no longer needed at {@code now}; the number of rows deleted. */
    int prune(Instant now);
}
