package com.wxqr.app.admin;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A period of whole days typed into a filter ({@code YYYY-MM-DD}, both days included); blank means
 * the last 30 days up to today. Bad input throws {@link BadInputException} with a Chinese sentence.
 */
record DateRange(LocalDate from, LocalDate to) {
    static final int MAX_DAYS = 366;

    static DateRange parse(String from, String to, LocalDate today) {
        LocalDate end = blank(to) ? today : date(to, "结束日期");
        LocalDate start = blank(from) ? end.minusDays(29) : date(from, "开始日期");
        if (start.isAfter(end)) {
            throw new BadInputException("开始日期不能晚于结束日期");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new BadInputException("时间范围最长 " + MAX_DAYS + " 天");
        }
        return new DateRange(start, end);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static LocalDate date(String s, String what) {
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new BadInputException(what + "格式应为 YYYY-MM-DD，例如 2026-01-31");
        }
    }
}
