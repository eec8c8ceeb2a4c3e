package com.wxqr.app.delivery;

import java.time.Instant;

/** A customer-service delivery waiting in {@code delivery_outbox}. */
record OutboxRow(long id, String quotePublicId, String openid, int attempts, Instant windowEndsAt) {
}
