package com.wxqr.app.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Prices a quote from the configured {@link PricingProperties}: rate × building area for every work type. */
@Component
public class PriceTable {
    /** Building area (建筑面积) from usable area (套内面积): the shared parts add a quarter. */
    static final BigDecimal BUILDING_FACTOR = new BigDecimal("1.25");

    private final PricingProperties pricing;

    PriceTable(PricingProperties pricing) {
        this.pricing = pricing;
    }

    /** The configured grade keys, in configuration order. */
    public Set<String> grades() {
        return pricing.grades().keySet();
    }

    public boolean hasGrade(String grade) {
        return grade != null && pricing.grades().containsKey(grade);
    }

    /**
     * Prices {@code usableArea} m² at {@code grade}.
     *
     * @throws IllegalArgumentException for an unknown grade or a non-positive area
     */
    public Quote price(String publicId, BigDecimal usableArea, Layout layout, String grade, Instant now) {
        Map<String, PricingProperties.Rate> rates = pricing.grades().get(grade);
        if (rates == null) {
            throw new IllegalArgumentException("unknown grade: " + grade);
        }
        if (usableArea == null || usableArea.signum() <= 0) {
            throw new IllegalArgumentException("usableArea must be positive");
        }
        BigDecimal usable = usableArea.setScale(2, RoundingMode.HALF_UP);
        BigDecimal building = usable.multiply(BUILDING_FACTOR).setScale(2, RoundingMode.HALF_UP);
        List<QuoteLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal market = BigDecimal.ZERO;
        for (var entry : rates.entrySet()) {
            PricingProperties.Rate rate = entry.getValue();
            BigDecimal amount = building.multiply(rate.ours()).setScale(2, RoundingMode.HALF_UP);
            BigDecimal marketAmount = building.multiply(rate.market()).setScale(2, RoundingMode.HALF_UP);
            lines.add(new QuoteLine(
                    entry.getKey(),
                    rate.ours().setScale(2, RoundingMode.HALF_UP),
                    rate.market().setScale(2, RoundingMode.HALF_UP),
                    amount,
                    marketAmount));
            total = total.add(amount);
            market = market.add(marketAmount);
        }
        return new Quote(publicId, usable, building, layout, grade, lines, total, market, market.subtract(total), now);
    }
}
