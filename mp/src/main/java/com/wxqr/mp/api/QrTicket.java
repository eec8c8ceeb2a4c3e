package com.wxqr.mp.api;

import java.time.Instant;

/**
 * A parametric QR code WeChat created.
 *
 * @param ticket the opaque ticket (Base64-like, contains {@code + / =}); exchange it for the image with
 *     {@link WeChatClient#showQrCodeUrl(String)}
 * @param expiresAt when a temporary code stops working (from the client's clock at request time plus
 *     the granted seconds); null for a permanent code
 * @param url the content the QR image encodes, for rendering the image yourself
 */
public record QrTicket(String ticket, Instant expiresAt, String url) {}
