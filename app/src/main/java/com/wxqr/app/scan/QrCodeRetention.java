package com.wxqr.app.scan;

import com.wxqr.app.retention.Prunable;
import com.wxqr.app.retention.RetentionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Codes expired longer than {@code wxqr.retention.expired-qr-codes} ago, except each quote's latest. */
@Configuration(proxyBeanMethods = false)
class QrCodeRetention {
    @Bean
    static Prunable expiredQrCodes(QrCodeRepository codes, RetentionProperties retention) {
        return Prunable.of("expired QR codes", now -> codes.deleteExpiredBefore(now.minus(retention.expiredQrCodes())));
    }
}
