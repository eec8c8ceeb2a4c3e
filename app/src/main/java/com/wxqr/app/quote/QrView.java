package com.wxqr.app.quote;

import com.wxqr.app.scan.QrCode;
import java.time.Instant;

/**
 * A quote's QR code as the page and the API show it.
 *
 * @param imageUrl the PNG rendered by this app
 * @param url the content of the code (the ticket's URL)
 * @param expiresAt when the code stops working
 * @param expired whether it already has
 */
public record QrView(String imageUrl, String url, Instant expiresAt, boolean expired) {

    public static QrView of(QrCode code, Instant now) {
        return new QrView(
                "/quotes/" + code.quotePublicId() + "/qr.png?v="
                        + code.createdAt().toEpochMilli(),
                code.url(),
                code.expiresAt(),
                !code.isValidAt(now));
    }
}
