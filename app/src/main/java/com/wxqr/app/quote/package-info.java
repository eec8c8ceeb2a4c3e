/**
 * Quotes: pricing from the configured price table, the form ({@code /}, {@code POST /quotes}), the
 * JSON API ({@code /api/quotes}), storage and the quote's progress from created to delivered.
 */
package com.wxqr.app.quote;
