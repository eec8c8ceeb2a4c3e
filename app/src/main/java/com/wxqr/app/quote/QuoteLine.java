package com.wxqr.app.quote;

import java.math.BigDecimal;

/** One work type of a quote: our rate and amount beside the market's, in yuan. */
public record QuoteLine(
        String workType, BigDecimal rate, BigDecimal marketRate, BigDecimal amount, BigDecimal marketAmount) {}
