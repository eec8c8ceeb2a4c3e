package com.wxqr.app.quote;

import java.util.Arrays;
import java.util.Optional;

/** The flat's layout (户型) as the visitor picks it; its label is {@code layout.<code>} in the messages. */
public enum Layout {
    ONE_BEDROOM("1-1"),
    TWO_BEDROOMS("2-1"),
    TWO_BEDROOMS_TWO_LIVING("2-2"),
    THREE_BEDROOMS("3-2"),
    FOUR_BEDROOMS("4-2");

    private final String code;

    Layout(String code) {
        this.code = code;
    }

    /** The short code used in forms, the API and the database, e.g. {@code 3-2} for 三室两厅. */
    public String code() {
        return code;
    }

    public static Optional<Layout> fromCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }
}
