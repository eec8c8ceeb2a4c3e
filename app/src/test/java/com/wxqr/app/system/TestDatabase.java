package com.wxqr.app.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh database with the real migrations applied: an in-memory H2 database, or a dedicated
 * schema on the tests' PostgreSQL ({@link TestPostgres}: the configured server, or an embedded one
 * when nothing answers there), dropped by {@link #close()}. Never skipped.
 *
 * <p>In a test class, let {@link TestDatabases} own it rather than calling {@link #create} and
 * {@link #close} by hand.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind {
        H2,
        POSTGRESQL
    }

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
            TestPostgres pg = TestPostgres.server();
            ds = new DriverManagerDataSource(pg.url(name), pg.user(), pg.password());
        }
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .schemas(kind == Kind.H2 ? new String[0] : new String[] {name})
                .load()
                .migrate();
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

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(kind == Kind.H2 ? "drop all objects" : "drop schema " + schema + " cascade");
        }
    }
}
