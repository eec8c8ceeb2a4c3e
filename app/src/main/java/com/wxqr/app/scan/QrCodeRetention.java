package com.wxqr.app.scan;

import com.wxqr.app.system.Prunable;
import com.wxqr.app.system.RetentionProperties;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Codes expired longer than {@code wxqr.retention.expired-qr-codes} ago, except each quote's latest. */
@Component
record QrCodeRetention(QrCodeRepository codes, RetentionProperties retention) implements Prunable {
    @Override
    public String what() {
        return "expired QR codes";
    }

    @Override
    public int prune(Instant now) {
        return codes.deleteExpiredBefore(now.minus(retention.expiredQrCodes()));
    }
}
