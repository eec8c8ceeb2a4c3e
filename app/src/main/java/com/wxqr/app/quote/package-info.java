/**
 * Quotes, the resource and all its routes: pricing from the configured price table, the form
 * ({@code /}, {@code POST /quotes}), the PC page with its QR code ({@code /quotes/{publicId}}), the
 * shared page ({@code /q/{publicId}}), the JSON API ({@code /api/quotes}), storage, and the quote's
 * progress from created to delivered with its live status (SSE, PostgreSQL notifications).
 */
package com.wxqr.app.quote;
