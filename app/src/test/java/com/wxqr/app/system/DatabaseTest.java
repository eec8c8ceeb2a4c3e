package com.wxqr.app.system;

import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A test of one feature's SQL over the real migrations: {@link #db} is a fresh database for each
 * test, and {@link #now} the instant the test writes its rows at.
 *
 * <p>The database is H2, and PostgreSQL in a subclass annotated {@link OnPostgreSQL} (so an
 * {@code …IT} subclass runs the same tests there); a class constructed with
 * {@link TestDatabases#eachKind()} runs each test once per {@link TestDatabase.Kind} it is
 * parameterized with instead.
 */
public abstract class DatabaseTest {
    @RegisterExtension
    protected final TestDatabases db;

    protected Instant now = Instant.parse("2026-11-25T12:00:00Z");

    protected DatabaseTest() {
        this(TestDatabases.of(TestDatabase.Kind.H2));
    }

    protected DatabaseTest(TestDatabases db) {
        this.db = db;
    }
}
