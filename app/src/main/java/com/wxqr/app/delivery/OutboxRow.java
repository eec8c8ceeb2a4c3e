package com.wxqr.app.delivery;

import java.time.Instant;

/**
 * A customer-service delivery waiting in {@code delivery_outbox}, as claimed: {@code leaseVersion}
 * is the fence every later change of the row must still match.
 */
record OutboxRow(long id, String quotePublicId, String openid, int attempts, Instant windowEndsAt, long leaseVersion) {}
