package com.wxqr.app.quote;

/** Published when a quote's {@link Progress} changed; listeners see it after the transaction commits. */
public record QuoteProgressed(String publicId) {
}
