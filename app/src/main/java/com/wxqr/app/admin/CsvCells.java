package com.wxqr.app.admin;

/**
 * CSV injection: a spreadsheet opening the export runs a cell that starts with {@code =}, {@code +},
 * {@code -} or {@code @} as a formula (tab and CR start one too in some). Channel names come from
 * visitors' {@code utm_source} and nicknames from WeChat, so every such cell is exported with a
 * leading apostrophe, which spreadsheets show as text and do not evaluate (OWASP's advice).
 */
final class CsvCells {
    private CsvCells() {}

    static String neutral(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }
}
