package com.wxqr.app.system;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/** Tells whether the app's database is PostgreSQL, for the features that use what only it has. */
public final class Postgres {
    private Postgres() {}

    /** Whether {@code database} (null when Spring Boot configured no connection) points at PostgreSQL. */
    public static boolean at(JdbcConnectionDetails database) {
        return database != null
                && database.getJdbcUrl() != null
                && database.getJdbcUrl().startsWith("jdbc:postgresql:");
    }
}
