package com.wxqr.app.retention;

import java.time.Instant;

/**
 * An expiry cleanup: rows a feature no longer needs, deleted by the {@link RetentionJob} every
 * {@code wxqr.retention.interval} and counted in {@code wxqr_retention_deleted_total{what}}. Every
 * feature that keeps rows for a limited time declares its cleanup as a {@code Prunable} bean: the
 * component that owns the rows, or a small {@code …Retention} class when a setting decides how long
 * they are kept. Deletes must be idempotent, as several instances may run them at once.
 */
public interface Prunable {
    /** What is pruned, for the log and the {@code what} tag of the metric. */
    String what();

    /** Deletes what is no longer needed at {@code now}; the number of rows deleted. */
    int prune(Instant now);
}
