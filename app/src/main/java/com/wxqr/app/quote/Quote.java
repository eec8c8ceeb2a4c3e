package com.wxqr.app.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A priced renovation quote. {@code publicId} is unguessable and is the only id that leaves the
 * server; amounts are in yuan with two decimals; {@code buildingArea} is {@code usableArea × 1.25}.
 */
public record Quote(
        String publicId,
        BigDecimal usableArea,
        BigDecimal buildingArea,
        Layout layout,
        String grade,
        List<QuoteLine> lines,
        BigDecimal total,
        BigDecimal marketTotal,
        BigDecimal saving,
        Instant createdAt) {

    public Quote {
        lines = List.copyOf(lines);
    }
}
