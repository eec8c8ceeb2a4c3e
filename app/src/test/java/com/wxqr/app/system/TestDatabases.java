package com.wxqr.app.system;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A JUnit extension that owns a test's {@link TestDatabase}: a fresh one before each test, closed
 * (schema dropped) after it. Registered on a static field it is one database for the whole class,
 * closed after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TestDatabases db = TestDatabases.of(TestDatabase.Kind.H2);
 * final QuoteRepository repository = new QuoteRepository(db.jdbc());
 * }</pre>
 *
 * <p>{@link #dataSource()}, {@link #jdbc()} and {@link #transactions()} may be taken before the test
 * starts (in field initialisers): they reach the running test's database when used, and they share
 * one {@link DataSource}, so the repository's statements join {@link #transactions()}.
 * A test of one feature's SQL gets its {@code db} from {@link DatabaseTest}.
 *
 * <p>{@link #eachKind()} serves a test parameterized over {@link TestDatabase.Kind} (for example with
 * {@code @EnumSource(TestDatabase.Kind.class)}): each invocation gets a fresh database of its
 * argument's kind, opened just before the test method runs.
 *
 * <p>A class annotated {@link OnPostgreSQL} gets PostgreSQL whatever kind is named here: that is how
 * a class written on H2 (a unit test) runs again on PostgreSQL as an {@code …IT} subclass, in
 * {@code mvn verify}.
 */
public final class TestDatabases
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, InvocationInterceptor {

    private final TestDatabase.Kind named;
    private final DataSource current = new CurrentDataSource();
    private boolean perClass;
    private TestDatabase database;

    private TestDatabases(TestDatabase.Kind named) {
        this.named = named;
    }

    public static TestDatabases of(TestDatabase.Kind kind) {
        return new TestDatabases(kind);
    }

    /** A database of the kind the running parameterized test got as its {@link TestDatabase.Kind} argument. */
    public static TestDatabases eachKind() {
        return new TestDatabases(null);
    }

    /** The database of the running test (or class). */
    public TestDatabase get() {
        if (database == null) {
            throw new IllegalStateException("no test database here: it exists while a test runs "
                    + "(register TestDatabases with @RegisterExtension)");
        }
        return database;
    }

    /** The running test's kind: as named, or PostgreSQL in a class annotated {@link OnPostgreSQL}. */
    public TestDatabase.Kind kind() {
        return get().kind();
    }

    public DataSource dataSource() {
        return current;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(current);
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(current));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (named == null) {
            throw new IllegalStateException(
                    "TestDatabases.eachKind() opens one database per test: register it on an instance field");
        }
        perClass = true;
        open(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass && named != null) {
            open(context);
        }
    }

    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext)
            throws Throwable {
        if (named == null) {
            TestDatabase.Kind kind = invocationContext.getArguments().stream()
                    .filter(TestDatabase.Kind.class::isInstance)
                    .map(TestDatabase.Kind.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "TestDatabases.eachKind() serves tests that take a TestDatabase.Kind argument"));
            database = TestDatabase.create(kind);
        }
        invocation.proceed();
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        if (!perClass) {
            close();
        }
    }

    private void open(ExtensionContext context) {
        boolean onPostgres = AnnotationSupport.isAnnotated(context.getRequiredTestClass(), OnPostgreSQL.class);
        database = TestDatabase.create(onPostgres ? TestDatabase.Kind.POSTGRESQL : named);
    }

    private void close() throws SQLException {
        TestDatabase closing = database;
        database = null;
        if (closing != null) {
            closing.close();
        }
    }

    /** Connections to whichever database is current when they are asked for. */
    private final class CurrentDataSource extends AbstractDataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return get().dataSource().getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return get().dataSource().getConnection(username, password);
        }
    }
}
