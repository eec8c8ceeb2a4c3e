package com.wxqr.app.scan;

import com.wxqr.app.retention.Prunable;
import com.wxqr.app.retention.RetentionProperties;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Codes expired longer than {@code wxqr.retention.expired-qr-codes} ago, except each quote's latest. */
@Component
class QrCodeRetention implements Prunable {
    private final QrCodeRepository codes;
    private final Duration keep;

    QrCodeRetention(QrCodeRepository codes, RetentionProperties retention) {
        this.codes = codes;
        this.keep = retention.expiredQrCodes();
    }

    @Override
    public String what() {
        return "expired QR codes";
    }

    @Override
    public int prune(Instant now) {
        return codes.deleteExpiredBefore(now.minus(keep));
    }
}
