package com.wxqr.app.wechat;

import com.wxqr.app.system.Postgres;
import com.wxqr.app.system.SqlTime;
import com.wxqr.mp.token.AccessToken;
import com.wxqr.mp.token.AccessTokenStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An {@link AccessTokenStore} in the database, so that every instance of the app shares one
 * access_token: a row per appid in {@code access_token}. {@link #refresh} holds the row's lock
 * ({@code SELECT ... FOR UPDATE}, on H2 and PostgreSQL alike) while it re-reads and, only if needed,
 * fetches; other instances wait and then find the fresh token. Neither wait is open-ended: the lock
 * is waited for at most {@code lockTimeout} (PostgreSQL {@code SET LOCAL lock_timeout}, H2
 * {@code FOR UPDATE WAIT}), and the fetch is given at most {@code fetchTimeout} (the WeChat call's
 * own total timeout) before the transaction is rolled back and the lock released, whatever the HTTP
 * call does meanwhile. Both end in an {@link TokenStoreTimeoutException} naming the cause.
 * Counts fetches in {@code wxqr.token.refreshes}.
 */
public class JdbcAccessTokenStore implements AccessTokenStore, AutoCloseable {
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final boolean postgres;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration lockTimeout;
    private final Duration fetchTimeout;
    private final ExecutorService fetcher = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "access-token-fetch");
        t.setDaemon(true);
        return t;
    });

    /**
     * A store over {@code dataSource} (H2 or PostgreSQL, which it asks the database), in transactions
     * of its own on that data source: a caller waits for the token row at most
     * {@code timeouts.tokenLockTimeout()} while another instance fetches, and a fetch may hold the
     * row's lock for {@code timeouts.callTimeout()}, the WeChat call's own total timeout. A stored
     * token is used until {@link AccessToken#DEFAULT_REFRESH_MARGIN} before it expires.
     */
    public JdbcAccessTokenStore(DataSource dataSource, Clock clock, MeterRegistry meters, WeChatTimeouts timeouts) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.postgres = Postgres.at(dataSource);
        this.clock = clock;
        this.meters = meters;
        this.lockTimeout = timeouts.tokenLockTimeout();
        this.fetchTimeout = timeouts.callTimeout();
    }

    @Override
    public Optional<AccessToken> get(String appId) {
        return jdbc.sql(
                        "select token_value, expires_at from access_token where app_id = :app and token_value is not null")
                .param("app", appId)
                .query((rs, n) -> new AccessToken(rs.getString("token_value"), SqlTime.read(rs, "expires_at")))
                .optional();
    }

    /**
     * @throws TokenStoreTimeoutException when the row stays locked longer than the lock timeout
     *     or the fetch runs past the fetch timeout
     */
    @Override
    public AccessToken refresh(String appId, AccessToken stale, Supplier<AccessToken> fetch) {
        Objects.requireNonNull(fetch, "fetch");
        ensureRow(appId);
        try {
            return transactions.execute(status -> {
                AccessToken stored = lockRow(appId);
                Instant now = clock.instant();
                if (stored != null
                        && !stored.equals(stale)
                        && stored.isFreshAt(now, AccessToken.DEFAULT_REFRESH_MARGIN)) {
                    return stored;
                }
                AccessToken fetched;
                try {
                    AccessToken raw = Objects.requireNonNull(fetchWithin(fetch), "fetch returned null");
                    // what the database keeps (millisecond precision), so equality holds after a re-read
                    fetched = new AccessToken(raw.value(), raw.expiresAt().truncatedTo(ChronoUnit.MILLIS));
                } catch (RuntimeException e) {
                    meters.counter("wxqr.token.refreshes", "outcome", "error").increment();
                    throw e;
                }
                meters.counter("wxqr.token.refreshes", "outcome", "ok").increment();
                jdbc.sql("update access_token set token_value = :value, expires_at = :expires where app_id = :app")
                        .param("value", fetched.value())
                        .param("expires", SqlTime.param(fetched.expiresAt()))
                        .param("app", appId)
                        .update();
                return fetched;
            });
        } catch (DataAccessException e) {
            if (!lockTimedOut(e)) {
                throw e;
            }
            meters.counter("wxqr.token.refreshes", "outcome", "lock-timeout").increment();
            throw new TokenStoreTimeoutException(
                    "the access token is being fetched elsewhere; gave up waiting for it" + " after "
                            + lockTimeout.toMillis() + " ms",
                    e);
        }
    }

    /** PostgreSQL's 55P03 (lock_not_available) is not always translated to a locking failure: look at the state too. */
    private static boolean lockTimedOut(DataAccessException e) {
        if (e instanceof PessimisticLockingFailureException || e instanceof QueryTimeoutException) {
            return true;
        }
        return e.getMostSpecificCause() instanceof SQLException sql
                && ("55P03".equals(sql.getSQLState()) || "HYT00".equals(sql.getSQLState()));
    }

    /** The stored token (null when none), with the row locked until the transaction ends. */
    private AccessToken lockRow(String appId) {
        long millis = Math.max(1, lockTimeout.toMillis());
        if (postgres) {
            jdbc.sql("set local lock_timeout = " + millis).update(); // a number we formatted: nothing to bind
        }
        String wait = postgres ? "" : " wait " + BigDecimal.valueOf(millis, 3).toPlainString();
        return jdbc.sql("select token_value, expires_at from access_token where app_id = :app for update" + wait)
                .param("app", appId)
                .query((rs, n) -> {
                    String value = rs.getString("token_value");
                    return Optional.ofNullable(
                            value == null ? null : new AccessToken(value, SqlTime.read(rs, "expires_at")));
                })
                .single()
                .orElse(null);
    }

    /** Runs the fetch for at most the fetch timeout; past it the caller stops waiting and the lock is released. */
    private AccessToken fetchWithin(Supplier<AccessToken> fetch) {
        Future<AccessToken> running = fetcher.submit(fetch::get);
        try {
            return running.get(fetchTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new TokenStoreTimeoutException(
                    "fetching the access token took longer than " + fetchTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new TokenStoreTimeoutException("interrupted while fetching the access token", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // what the fetch threw, as if called directly
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new TokenStoreTimeoutException("fetching the access token failed", e.getCause());
        }
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
    }

    @Override
    public void invalidate(String appId, AccessToken failed) {
        if (failed == null) {
            return;
        }
        jdbc.sql("""
                update access_token set token_value = null, expires_at = null
                where app_id = :app and token_value = :value
                """).param("app", appId).param("value", failed.value()).update();
    }

    /** The row to lock must exist; two instances racing to create it are both fine. */
    private void ensureRow(String appId) {
        boolean exists = jdbc.sql("select count(*) from access_token where app_id = :app")
                        .param("app", appId)
                        .query(Integer.class)
                        .single()
                > 0;
        if (exists) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> jdbc.sql("insert into access_token (app_id) values (:app)")
                    .param("app", appId)
                    .update());
        } catch (DuplicateKeyException alreadyCreated) {
            // another instance created it first
        }
    }
}
