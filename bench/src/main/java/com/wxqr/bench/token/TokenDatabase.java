package com.wxqr.bench.token;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * One database that several "app instances" share: an in-memory H2 database, or a fresh schema on
 * the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}), dropped
 * on close. Each instance gets its own connection pool, as separate processes would.
 */
final class TokenDatabase implements AutoCloseable {

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String PG_USER = "postgres";

    private final String kind;
    private final String url;
    private final String user;
    private final String schema;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private TokenDatabase(String kind, String url, String user, String schema) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.schema = schema;
    }

    /** {@code h2} or {@code postgresql}. */
    static TokenDatabase create(String kind) {
        String name = "stampede_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "h2" -> new TokenDatabase("H2", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", null);
            case "postgresql", "postgres", "pg" -> {
                try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
                    c.isValid(2);
                } catch (SQLException e) {
                    throw new IllegalStateException(
                            "PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER
                                    + " (start it: pg_ctlcluster 15 main start): " + e.getMessage(),
                            e);
                }
                yield new TokenDatabase("PostgreSQL", PG_URL + "?currentSchema=" + name, PG_USER, name);
            }
            default -> throw new IllegalArgumentException("store must be h2 or postgresql, not " + kind);
        };
    }

    String kind() {
        return kind;
    }

    /** The schema the migrations go into (PostgreSQL), or null for the default one (H2). */
    String schema() {
        return schema;
    }

    /** A new pool of {@code size} connections to the shared database. */
    DataSource newPool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                    Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            } catch (SQLException e) {
                System.err.println("could not drop schema " + schema + ": " + e.getMessage());
            }
        }
    }
}
