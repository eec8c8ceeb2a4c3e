package com.wxqr.app.quote;

import java.math.BigDecimal;
import java.util.List;

/**
 * A quote in the JSON API. {@code id} is the public id; {@code qr} is null when no code could be
 * created (see {@code qrProblem}).
 */
record QuoteJson(
        String id,
        BigDecimal usableArea,
        BigDecimal buildingArea,
        String layout,
        String grade,
        List<Line> lines,
        BigDecimal total,
        BigDecimal marketPrice,
        BigDecimal saving,
        String pageUrl,
        ScanStatus status,
        QrView qr,
        String qrProblem) {

    record Line(String workType, BigDecimal rate, BigDecimal marketRate, BigDecimal amount, BigDecimal marketAmount) {}

    static QuoteJson of(Quote q, String pageUrl, ScanStatus status, QrView qr, String qrProblem) {
        return new QuoteJson(
                q.publicId(),
                q.usableArea(),
                q.buildingArea(),
                q.layout().code(),
                q.grade(),
                q.lines().stream()
                        .map(l -> new Line(l.workType(), l.rate(), l.marketRate(), l.amount(), l.marketAmount()))
                        .toList(),
                q.total(),
                q.marketTotal(),
                q.saving(),
                pageUrl,
                status,
                qr,
                qrProblem);
    }
}
