package com.wxqr.app.wechat;

import com.wxqr.app.system.SqlTime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.wxqr.mp.token.AccessToken;
import com.wxqr.mp.token.AccessTokenStore;

/**
 * An {@link AccessTokenStore} in the database, so that every instance of the app shares one
 * access_token: a row per appid in {@code access_token}. {@link #refresh} holds the row's lock
 * ({@code SELECT ... FOR UPDATE}, on H2 and PostgreSQL alike) while it re-reads and, only if needed,
 * fetches; other instances wait and then find the fresh token. Counts fetches in
 * {@code wxqr.token.refreshes}.
 */
public class JdbcAccessTokenStore implements AccessTokenStore {
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration refreshMargin;
    private final MeterRegistry meters;

    public JdbcAccessTokenStore(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, Duration refreshMargin,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.refreshMargin = refreshMargin;
        this.meters = meters;
    }

    @Override
    public Optional<AccessToken> get(String appId) {
        return jdbc.sql("select token_value, expires_at from access_token where app_id = :app and token_value is not null")
                .param("app", appId)
                .query((rs, n) -> new AccessToken(rs.getString("token_value"), SqlTime.read(rs, "expires_at")))
                .optional();
    }

    @Override
    public AccessToken refresh(String appId, AccessToken stale, Supplier<AccessToken> fetch) {
        Objects.requireNonNull(fetch, "fetch");
        ensureRow(appId);
        return transactions.execute(status -> {
            AccessToken stored = jdbc.sql("select token_value, expires_at from access_token where app_id = :app for update")
                    .param("app", appId)
                    .query((rs, n) -> {
                        String value = rs.getString("token_value");
                        return Optional.ofNullable(value == null ? null
                                : new AccessToken(value, SqlTime.read(rs, "expires_at")));
                    })
                    .single()
                    .orElse(null);
            Instant now = clock.instant();
            if (stored != null && !stored.equals(stale) && stored.isFreshAt(now, refreshMargin)) {
                return stored;
            }
            AccessToken fetched;
            try {
                AccessToken raw = Objects.requireNonNull(fetch.get(), "fetch returned null");
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
    }

    @Override
    public void invalidate(String appId, AccessToken failed) {
        if (failed == null) {
            return;
        }
        jdbc.sql("""
                update access_token set token_value = null, expires_at = null
                where app_id = :app and token_value = :value
                """)
                .param("app", appId)
                .param("value", failed.value())
                .update();
    }

    /** The row to lock must exist; two instances racing to create it are both fine. */
    private void ensureRow(String appId) {
        boolean exists = jdbc.sql("select count(*) from access_token where app_id = :app")
                .param("app", appId).query(Integer.class).single() > 0;
        if (exists) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> jdbc.sql("insert into access_token (app_id) values (:app)")
                    .param("app", appId).update());
        } catch (DuplicateKeyException alreadyCreated) {
            // another instance created it first
        }
    }
}
