package com.wxqr.app.system;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Tells whether the app's database is PostgreSQL, for the features that use what only it has (the
 * one-statement push, LISTEN/NOTIFY, lock timeouts): the database itself says, so every feature
 * gets the same answer whatever the URL looks like.
 */
public final class Postgres {
    private Postgres() {}

    /** Whether the database behind {@code dataSource} is PostgreSQL (asks it once, over one connection). */
    public static boolean at(DataSource dataSource) {
        try {
            return "PostgreSQL"
                    .equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the app uses", e);
        }
    }
}
