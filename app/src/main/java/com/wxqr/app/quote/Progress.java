package com.wxqr.app.quote;

import java.time.Instant;

/**
 * Where a quote stands on its way to the visitor's WeChat. {@code ownerOpenid} is the first WeChat
 * user who scanned its code; it is internal and never leaves the server.
 */
public record Progress(Stage stage, String ownerOpenid, ScannedAs scannedAs, String failureReason, Instant updatedAt) {

    /** The stored stages; "expired" is not stored but derived from the quote's QR code. */
    public enum Stage {
        WAITING,
        SCANNED,
        DELIVERED,
        FAILED
    }

    /** Whether the scanner followed the account with this scan or already followed it. */
    public enum ScannedAs {
        NEW_FOLLOWER,
        EXISTING_FOLLOWER
    }
}
