package com.wxqr.app.quote;

import com.wxqr.app.system.Postgres;
import com.wxqr.app.system.UnguessableId;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the other instances on the same PostgreSQL schema that a quote's status changed, and hears
 * them: {@code pg_notify} on a channel named after the schema, {@code LISTEN} on one dedicated
 * connection per instance (opened with the DataSource's URL and credentials, not taken from the
 * pool). On any other database (H2: one instance) it does nothing and the in-memory events suffice.
 *
 * <p>A progress change notifies inside its own transaction (just before the commit): PostgreSQL
 * delivers the notification only if the change commits, at the moment it commits, so a status
 * change and its announcement cannot come apart, not even when the instance dies right after the
 * commit. Several notifications of one quote in one transaction are delivered once.
 */
@Component
class QuoteNotifications {
    private static final Logger log = LoggerFactory.getLogger(QuoteNotifications.class);
    private static final int MAX_CHANNEL_LENGTH = 63; // PostgreSQL's NAMEDATALEN - 1
    private static final int POLL_MILLIS = 500;
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);
    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final JdbcConnectionDetails database;
    private final Duration firstRetry;
    private volatile String channel;
    private volatile boolean listening;
    private volatile int backendPid;
    private Thread listener;

    QuoteNotifications(
            JdbcClient jdbc,
            DataSource dataSource,
            ObjectProvider<JdbcConnectionDetails> database,
            LiveStatusProperties settings) {
        this.jdbc = jdbc;
        this.firstRetry = settings.reconnectDelay();
        // the listening connection is opened with the pool's URL and credentials
        this.database = Postgres.at(dataSource) ? database.getObject() : null;
    }

    /** Whether instances share status changes through PostgreSQL. */
    boolean enabled() {
        return database != null;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void onProgress(QuoteProgressed event) {
        announce(event.publicId());
    }

    /** Notifies every instance, this one included, in the caller's transaction if there is one. */
    void announce(String publicId) {
        if (!enabled()) {
            return;
        }
        jdbc.sql("select pg_notify(:channel, :publicId)")
                .param("channel", channel())
                .param("publicId", publicId)
                .query((ResultSetExtractor<Boolean>) ResultSet::next);
    }

    /**
     * Starts listening on a daemon thread: {@code changed} gets each notified public id and
     * {@code connected} runs after every (re)connection, for a catch-up read of what was missed while
     * no connection listened. A lost connection is reopened after {@code wxqr.live.reconnect-delay},
     * doubled at each failure up to 30 s.
     */
    synchronized void listen(Consumer<String> changed, Runnable connected) {
        if (!enabled() || listening) {
            return;
        }
        listening = true;
        listener = new Thread(() -> run(changed, connected), "live-status-listener");
        listener.setDaemon(true);
        listener.start();
    }

    /** Stops listening; returns within about half a second. */
    void stop() {
        Thread thread;
        synchronized (this) {
            listening = false;
            thread = listener;
            listener = null;
        }
        if (thread != null) {
            try {
                thread.join(2 * POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The server process id of the listening connection, 0 while none is open (for tests). */
    int backendPid() {
        return backendPid;
    }

    private void run(Consumer<String> changed, Runnable connected) {
        Duration retry = firstRetry;
        while (listening) {
            try (Connection connection = connect()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + quoted(channel()));
                }
                backendPid = pg.getBackendPID();
                retry = firstRetry;
                connected.run();
                long lastHeard = System.nanoTime();
                while (listening) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        lastHeard = System.nanoTime();
                        for (PGNotification notification : notifications) {
                            changed.accept(notification.getParameter());
                        }
                    } else if (System.nanoTime() - lastHeard > LIVENESS_CHECK.toNanos()) {
                        // a silently dropped network path shows no error until something is sent
                        if (!connection.isValid(5)) {
                            throw new SQLException("the listening connection stopped answering");
                        }
                        lastHeard = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                backendPid = 0;
                if (!listening) {
                    break;
                }
                log.warn(
                        "Not listening for status changes of other instances ({}); reconnecting in {} ms",
                        e.getMessage(),
                        retry.toMillis());
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
        backendPid = 0;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (database.getUsername() != null) {
            properties.setProperty("user", database.getUsername());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", "wxqr live status");
        return DriverManager.getConnection(database.getJdbcUrl(), properties);
    }

    /**
     * {@code wxqr_quote_<schema>}: instances on one schema share data and so hear each other, and
     * apps on other schemas of the same database do not. Hashed when it would be too long.
     */
    private String channel() {
        String name = channel;
        if (name == null) {
            String schema = jdbc.sql("select current_schema()")
                    .query(String.class)
                    .optional()
                    .orElse("public");
            name = "wxqr_quote_" + schema;
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_CHANNEL_LENGTH) {
                name = "wxqr_quote_" + UnguessableId.hash(schema).substring(0, 32);
            }
            channel = name;
        }
        return name;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private void sleep(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (listening && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
