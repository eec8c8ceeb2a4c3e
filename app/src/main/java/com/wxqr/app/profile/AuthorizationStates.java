package com.wxqr.app.profile;

import com.wxqr.app.retention.Prunable;
import com.wxqr.app.system.SqlTime;
import com.wxqr.app.system.UnguessableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The {@code state} values of web authorizations in flight, in the database ({@code oauth_state}) so
 * that WeChat's redirect may come back to any instance. A state is random, bound to one quote and to
 * one browser (the SHA-256 of the random nonce in the browser's cookie; the nonce itself is never
 * stored), accepted once, and only within {@code wxqr.oauth.state-expiry} (default 10 minutes).
 * Until it expires, its row also remembers that this browser was already sent to authorization for
 * this quote, so a declined or foreign authorization does not loop.
 */
@Service
public class AuthorizationStates implements Prunable {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration expiry;

    AuthorizationStates(JdbcClient jdbc, Clock clock, OAuthProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.expiry = properties.stateExpiry();
    }

    /** How long a state (and the browser's cookie) lives. */
    public Duration expiry() {
        return expiry;
    }

    /** Whether this browser was sent to authorization for the quote within the expiry. */
    public boolean attempted(String browserNonce, String publicId) {
        return jdbc.sql(
                                "select count(*) from oauth_state where browser_hash = :b and quote_id = :q and expires_at > :now")
                        .params(Map.of(
                                "b",
                                UnguessableId.hash(browserNonce),
                                "q",
                                publicId,
                                "now",
                                SqlTime.param(clock.instant())))
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** A new state for this browser and quote; 32 alphanumeric characters (WeChat allows a-zA-Z0-9, up to 128). */
    public String issue(String browserNonce, String publicId) {
        String state = UnguessableId.nextAlphanumeric();
        Instant now = clock.instant();
        jdbc.sql("insert into oauth_state (state, quote_id, browser_hash, created_at, expires_at) "
                        + "values (:s, :q, :b, :now, :expires)")
                .params(Map.of(
                        "s",
                        state,
                        "q",
                        publicId,
                        "b",
                        UnguessableId.hash(browserNonce),
                        "now",
                        SqlTime.param(now),
                        "expires",
                        SqlTime.param(now.plus(expiry))))
                .update();
        return state;
    }

    /**
     * The quote of {@code state} when it was issued to this browser, is unused and has not expired,
     * without using it (a snapshot-page exchange leaves it for 使用完整服务); empty otherwise.
     */
    public Optional<String> peek(String state, String browserNonce) {
        if (state == null || browserNonce == null || state.length() > 64) {
            return Optional.empty();
        }
        return jdbc.sql("select quote_id from oauth_state "
                        + "where state = :s and browser_hash = :b and used_at is null and expires_at > :now")
                .params(Map.of(
                        "s", state, "b", UnguessableId.hash(browserNonce), "now", SqlTime.param(clock.instant())))
                .query(String.class)
                .optional();
    }

    /**
     * Accepts {@code state} once: the quote it was issued for, when it was issued to this browser,
     * is unused and has not expired; empty otherwise (and the state stays as it was).
     */
    public Optional<String> consume(String state, String browserNonce) {
        if (state == null || browserNonce == null || state.length() > 64) {
            return Optional.empty();
        }
        Map<String, Object> params =
                Map.of("s", state, "b", UnguessableId.hash(browserNonce), "now", SqlTime.param(clock.instant()));
        int used = jdbc.sql("update oauth_state set used_at = :now "
                        + "where state = :s and browser_hash = :b and used_at is null and expires_at > :now")
                .params(params)
                .update();
        if (used != 1) {
            return Optional.empty();
        }
        return jdbc.sql("select quote_id from oauth_state where state = :s")
                .param("s", state)
                .query(String.class)
                .optional();
    }

    @Override
    public String what() {
        return "expired authorization states";
    }

    /** Forgets the states expired at {@code now}. */
    @Override
    public int prune(Instant now) {
        return jdbc.sql("delete from oauth_state where expires_at < :now")
                .param("now", SqlTime.param(now))
                .update();
    }

    public static String newBrowserNonce() {
        return UnguessableId.next();
    }
}
