package com.wxqr.bench.token;

import com.wxqr.mp.token.AccessTokenStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The app's own {@code com.wxqr.app.wechat.JdbcAccessTokenStore} and its own migrations, taken
 * from the app's compiled classes ({@code app/target/classes}, or {@code -Dwxqr.app.classes=DIR}).
 *
 * <p>Why not a Maven dependency: the app's jar is repackaged by Spring Boot (classes under
 * {@code BOOT-INF/}), so another module cannot compile against it. The store's dependencies
 * (Spring JDBC, Micrometer, mp) come from this module's class path; only the app's classes are
 * loaded from its directory.
 */
final class AppTokenStore {

    /** The app's defaults ({@code wxqr.wechat.token-lock-timeout}, {@code call-timeout}). */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);

    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    static final String STORE_CLASS = "com.wxqr.app.wechat.JdbcAccessTokenStore";

    static final String TIMEOUTS_CLASS = "com.wxqr.app.wechat.WeChatTimeouts";

    private final Path classes;
    private final ClassLoader loader;

    AppTokenStore() {
        classes = Path.of(System.getProperty("wxqr.app.classes", "app/target/classes"))
                .toAbsolutePath();
        if (!Files.isRegularFile(classes.resolve(STORE_CLASS.replace('.', '/') + ".class"))) {
            throw new IllegalStateException(
                    "the app's compiled classes are not at " + classes
                            + "; build them first (mvn -o -B -q -pl app -am package -DskipTests) or pass -Dwxqr.app.classes=DIR");
        }
        try {
            loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, AppTokenStore.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies the app's migrations (db/migration) to {@code dataSource}, in {@code schema} when not null. */
    void migrate(DataSource dataSource, String schema) {
        var flyway =
                Flyway.configure().dataSource(dataSource).locations("filesystem:" + classes.resolve("db/migration"));
        if (schema != null) {
            flyway.schemas(schema);
        }
        flyway.load().migrate();
    }

    /** A new instance of the app's store over {@code dataSource}, as one app instance would have it. */
    AccessTokenStore create(DataSource dataSource, Clock clock, MeterRegistry meters) {
        try {
            Object timeouts = Class.forName(TIMEOUTS_CLASS, true, loader)
                    .getConstructor(Duration.class, Duration.class)
                    .newInstance(FETCH_TIMEOUT, LOCK_TIMEOUT);
            Object store = Class.forName(STORE_CLASS, true, loader)
                    .getConstructor(DataSource.class, Clock.class, MeterRegistry.class, timeouts.getClass())
                    .newInstance(dataSource, clock, meters, timeouts);
            return (AccessTokenStore) store;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot create the app's " + STORE_CLASS + " (has its constructor changed?)", e);
        }
    }
}
