package com.wxqr.app.quote;

import com.wxqr.app.system.UnguessableId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Quotes priced from a small fixed table, stored straight through the repository, for tests of other features. */
public final class SampleQuotes {
    private SampleQuotes() {}

    public static PriceTable priceTable() {
        Map<String, Map<String, PricingProperties.Rate>> grades = new LinkedHashMap<>();
        Map<String, PricingProperties.Rate> standard = new LinkedHashMap<>();
        standard.put("plumbing", new PricingProperties.Rate(new BigDecimal("100"), new BigDecimal("150")));
        standard.put("painting", new PricingProperties.Rate(new BigDecimal("40.5"), new BigDecimal("60")));
        grades.put("standard", standard);
        return new PriceTable(new PricingProperties(grades));
    }

    /** Stores a new 80 m² standard quote and returns it. */
    public static Quote store(JdbcClient jdbc, Instant now) {
        Quote quote =
                priceTable().price(UnguessableId.next(), new BigDecimal("80"), Layout.TWO_BEDROOMS, "standard", now);
        new QuoteRepository(jdbc).insert(quote, null);
        return quote;
    }
}
