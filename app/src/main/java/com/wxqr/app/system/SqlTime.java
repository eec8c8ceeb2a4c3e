package com.wxqr.app.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Converts between {@link Instant} and {@code timestamp with time zone} columns the same way on H2
 * and PostgreSQL (both drivers bind and read {@link OffsetDateTime}, neither binds {@code Instant}).
 */
public final class SqlTime {
    private SqlTime() {}

    /** The value to bind for {@code instant}; null stays null. */
    public static OffsetDateTime param(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The instant stored in {@code column}, or null for SQL NULL. */
    public static Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
