package com.wxqr.app.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    PriceTable table = SampleQuotes.priceTable();

    @Test
    void pricesEveryWorkTypeOnTheBuildingAreaWhichIsUsableTimesOnePointTwoFive() {
        Quote q = table.price("id", new BigDecimal("80"), Layout.TWO_BEDROOMS, "standard", Instant.EPOCH);
        assertThat(q.buildingArea()).isEqualByComparingTo("100.00");
        assertThat(q.lines()).extracting(QuoteLine::workType).containsExactly("plumbing", "painting");
        assertThat(q.lines().get(0).amount()).isEqualByComparingTo("10000.00");
        assertThat(q.lines().get(1).amount()).isEqualByComparingTo("4050.00");
        assertThat(q.total()).isEqualByComparingTo("14050.00");
        assertThat(q.marketTotal()).isEqualByComparingTo("21000.00");
        assertThat(q.saving()).isEqualByComparingTo("6950.00");
    }

    @Test
    void roundsAreasAndAmountsToCents() {
        Quote q = table.price("id", new BigDecimal("33.33"), Layout.ONE_BEDROOM, "standard", Instant.EPOCH);
        assertThat(q.buildingArea()).isEqualByComparingTo("41.66"); // 41.6625
        assertThat(q.lines().get(1).amount()).isEqualByComparingTo("1687.23"); // 41.66 × 40.5 = 1687.23
    }

    @Test
    void refusesAnUnknownGrade() {
        assertThatThrownBy(() -> table.price("id", BigDecimal.TEN, Layout.ONE_BEDROOM, "gold", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gold");
    }

    @Test
    void aRateWithoutItsMarketPriceStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new PricingProperties(
                        Map.of("basic", Map.of("painting", new PricingProperties.Rate(BigDecimal.ONE, null)))))
                .hasMessage("wxqr.pricing.grades.basic.painting needs both .ours and .market rates");
    }
}
