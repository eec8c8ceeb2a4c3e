/**
 * Customer-service delivery of the quote card: the {@link com.wxqr.app.delivery.Outbox} queues a
 * card in the push's transaction, the {@link com.wxqr.app.delivery.OutboxWorker} sends it through
 * {@code message/custom/send}; {@link com.wxqr.app.delivery.QuoteCard} renders the card for either
 * delivery (passive reply or message).
 */
package com.wxqr.app.delivery;
