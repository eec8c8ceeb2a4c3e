package com.wxqr.app.quote;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** What the visitor enters; messages are keys in {@code messages.properties}. */
public record QuoteForm(
        @NotNull(message = "{quote.usableArea.required}") @DecimalMin(value = "10", message = "{quote.usableArea.range}") @DecimalMax(value = "1000", message = "{quote.usableArea.range}") @Digits(integer = 4, fraction = 2, message = "{quote.usableArea.digits}") BigDecimal usableArea,

        @NotBlank(message = "{quote.layout.required}") String layout,
        @NotBlank(message = "{quote.grade.required}") String grade) {

    static QuoteForm empty() {
        return new QuoteForm(null, "2-1", "standard");
    }
}
