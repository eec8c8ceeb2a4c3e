package com.wxqr.app.quote;

/**
 * Published when a quote's {@link Progress} changed, with the progress as it was then (so that
 * "scanned" and "delivered" in one transaction are both seen); listeners see it after the commit.
 */
public record QuoteProgressed(String publicId, Progress progress) {}
