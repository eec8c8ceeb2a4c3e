package com.wxqr.app.quote;

/**
 * What the PC page shows about a quote's scan, as sent over SSE and by the polling API.
 *
 * @param status {@code waiting}, {@code scanned}, {@code delivered}, {@code failed} or {@code expired}
 * @param newFollower for {@code scanned} and later: whether the scan was also a new follow; else null
 * @param reason for {@code failed}: why, in words for the visitor; else null
 * @param message the sentence the page shows (Chinese)
 */
public record ScanStatus(String status, Boolean newFollower, String reason, String message) {}
