package com.wxqr.app.quote;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The price table ({@code wxqr.pricing.*}): for each package grade, a per-m² rate of ours and the
 * market's for each work type, e.g. {@code wxqr.pricing.grades.standard.plumbing.ours=120}. Rates
 * apply to the building area. Validated at start; grade and work-type keys name their labels in
 * {@code messages.properties} ({@code grade.<key>}, {@code work.<key>}).
 *
 * @param grades the price table: yuan per m² of building area, ours and the market's, per grade and
 *     work type (wxqr.pricing.grades.(grade).(work).ours and .market); the table in
 *     application.properties is the default
 */
@ConfigurationProperties("wxqr.pricing")
public record PricingProperties(Map<String, Map<String, Rate>> grades) {

    /** Our rate and the market rate for one work type, in yuan per m² of building area. */
    public record Rate(BigDecimal ours, BigDecimal market) {}

    public PricingProperties {
        if (grades == null || grades.isEmpty()) {
            throw new IllegalArgumentException("wxqr.pricing.grades must name at least one grade with its rates");
        }
        grades.forEach((grade, rates) -> {
            if (rates == null || rates.isEmpty()) {
                throw new IllegalArgumentException("wxqr.pricing.grades." + grade + " has no work types");
            }
            rates.forEach((work, rate) -> {
                String name = "wxqr.pricing.grades." + grade + "." + work;
                if (rate == null || rate.ours() == null || rate.market() == null) {
                    throw new IllegalArgumentException(name + " needs both .ours and .market rates");
                }
                if (rate.ours().signum() <= 0 || rate.market().signum() <= 0) {
                    throw new IllegalArgumentException(name + " rates must be positive");
                }
            });
        });
        Map<String, Map<String, Rate>> copy = new LinkedHashMap<>();
        grades.forEach((grade, rates) -> copy.put(grade, Collections.unmodifiableMap(new LinkedHashMap<>(rates))));
        grades = Collections.unmodifiableMap(copy);
    }
}
