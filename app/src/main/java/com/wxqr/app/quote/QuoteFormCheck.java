package com.wxqr.app.quote;

import org.springframework.validation.Errors;

/** The checks Bean Validation cannot make: the layout and grade must be ones we price. */
public final class QuoteFormCheck {
    private QuoteFormCheck() {}

    /** Adds field errors to {@code errors} for an unknown layout or grade. */
    public static void check(QuoteForm form, PriceTable priceTable, Errors errors) {
        if (form.layout() != null
                && !form.layout().isBlank()
                && Layout.fromCode(form.layout()).isEmpty()) {
            errors.rejectValue("layout", "quote.layout.unknown");
        }
        if (form.grade() != null && !form.grade().isBlank() && !priceTable.hasGrade(form.grade())) {
            errors.rejectValue("grade", "quote.grade.unknown");
        }
    }
}
