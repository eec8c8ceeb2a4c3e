package com.wxqr.app.system;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A JUnit extension that owns a test's {@link TestDatabase}: a fresh one of its kind before each
 * test, closed (schema dropped) after it. Registered on a static field it is one database for the
 * whole class instead, closed after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TestDatabases db = TestDatabases.of(Kind.H2);
 * ... db.jdbc() ...
 * }</pre>
 *
 * <p>Test methods and {@code @BeforeEach} methods may also take the {@link TestDatabase} as a
 * parameter. A class whose tests should run on both kinds is written for one kind and extended for
 * the other: the H2 class stays a unit test, the PostgreSQL subclass is named {@code …IT} and runs in
 * {@code mvn verify} (see {@code QuoteRepositoryTests} and {@code QuoteRepositoryIT}).
 */
public final class TestDatabases implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final TestDatabase.Kind kind;
    private boolean perClass;
    private TestDatabase current;

    private TestDatabases(TestDatabase.Kind kind) {
        this.kind = kind;
    }

    public static TestDatabases of(TestDatabase.Kind kind) {
        return new TestDatabases(kind);
    }

    /** The database of the running test (or class). */
    public TestDatabase get() {
        if (current == null) {
            throw new IllegalStateException("no test database outside a test: register TestDatabases with @RegisterExtension");
        }
        return current;
    }

    public TestDatabase.Kind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return get().dataSource();
    }

    public JdbcClient jdbc() {
        return get().jdbc();
    }

    public TransactionTemplate transactions() {
        return get().transactions();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        current = TestDatabase.create(kind);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        closeCurrent();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            current = TestDatabase.create(kind);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            closeCurrent();
        }
    }

    private void closeCurrent() throws Exception {
        TestDatabase closing = current;
        current = null;
        if (closing != null) {
            closing.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get();
    }
}
