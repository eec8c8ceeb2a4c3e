package com.wxqr.app.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database with the real migrations applied: an in-memory H2 database, or a dedicated
 * schema on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}),
 * dropped by {@link #close()}. A PostgreSQL that cannot be reached fails the test with a sentence
 * saying so; it is never skipped.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind {
        H2, POSTGRESQL
    }

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String PG_USER = "postgres";

    private final Kind kind;
    private final String schema;
    private final DriverManagerDataSource dataSource;

    private TestDatabase(Kind kind, String schema, DriverManagerDataSource dataSource) {
        this.kind = kind;
        this.schema = schema;
        this.dataSource = dataSource;
    }

    public static TestDatabase create(Kind kind) {
        String name = "t_" + UnguessableId.nextAlphanumeric().substring(0, 16).toLowerCase(Locale.ROOT);
        DriverManagerDataSource ds;
        if (kind == Kind.H2) {
            ds = new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        } else {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
                c.isValid(2);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL is not reachable at " + PG_URL + " as user " + PG_USER
                        + " (start it, e.g. pg_ctlcluster 15 main start); the repository tests need it: "
                        + e.getMessage(), e);
            }
            ds = new DriverManagerDataSource(PG_URL + "?currentSchema=" + name, PG_USER, "");
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                .schemas(kind == Kind.H2 ? new String[0] : new String[] {name})
                .load().migrate();
        return new TestDatabase(kind, name, ds);
    }

    public Kind kind() {
        return kind;
    }

    /** The JDBC URL, user and password, for starting the app itself on this database. */
    public String url() {
        return dataSource.getUrl();
    }

    public String username() {
        return dataSource.getUsername();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(kind == Kind.H2 ? "drop all objects" : "drop schema " + schema + " cascade");
        }
    }
}
