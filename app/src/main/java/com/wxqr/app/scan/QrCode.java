package com.wxqr.app.scan;

import java.time.Instant;

/**
 * A temporary QR code issued for a quote: {@code sceneStr} is random (never the quote id),
 * {@code url} is what the code encodes, as returned with the ticket.
 */
public record QrCode(
        String sceneStr, String quotePublicId, String ticket, String url, Instant expiresAt, Instant createdAt) {

    public boolean isValidAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
