package com.wxqr.mp.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the access_token of one app usable for the callers of one client.
 *
 * <ul>
 *   <li>A cached token is handed out without locking while more than the refresh margin remains.
 *   <li>However many threads need a new token at once, exactly one fetch happens: callers in this
 *       JVM queue on one lock, and the {@link AccessTokenStore} serialises fetches across every
 *       user of the store (and first returns a token another user already fetched).
 *   <li>With refresh-ahead on, a daemon thread renews the token when two margins remain, so callers
 *       do not wait for a fetch. A token that lives less than two margins is renewed on demand only.
 *   <li>{@link #invalidate} drops a token WeChat rejected only if it is still the current one.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} stops the refresh-ahead thread; the keeper still works after it,
 * fetching on demand.
 */
public final class AccessTokenManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenManager.class);

    private final String appId;
    private final AccessTokenStore store;
    private final Supplier<AccessToken> fetch;
    private final Clock clock;
    private final Duration refreshMargin;
    private final ScheduledExecutorService refresher;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile AccessToken cached;
    /** The last token WeChat rejected; passed as "stale" so the store will not hand it back. */
    private AccessToken rejected;
    private ScheduledFuture<?> pendingRefresh;
    private volatile boolean closed;

    /**
     * @param appId the app whose token this keeper holds
     * @param store where the token is shared with other clients
     * @param fetch obtains a new token from WeChat (called under the store's lock); its exceptions
     *     reach the caller of {@link #current()}
     * @param clock the time used for expiry decisions
     * @param refreshMargin a token with less than this left is not handed out any more
     * @param refreshAhead whether a daemon thread renews the token before callers would have to wait
     * @throws IllegalArgumentException if appId is blank or refreshMargin negative
     */
    public AccessTokenManager(String appId, AccessTokenStore store, Supplier<AccessToken> fetch, Clock clock,
            Duration refreshMargin, boolean refreshAhead) {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("appId must not be blank");
        }
        this.appId = appId;
        this.store = Objects.requireNonNull(store, "store");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin");
        if (refreshMargin.isNegative()) {
            throw new IllegalArgumentException("refreshMargin must not be negative: " + refreshMargin);
        }
        this.refresher = refreshAhead ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wxqr-token-refresh-" + appId);
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /**
     * A token with more than the refresh margin left. Returns at once when one is cached; otherwise
     * blocks until this or another caller (or another user of the store) has obtained one.
     *
     * @throws RuntimeException whatever the fetch threw, when a fetch was needed and failed
     */
    public AccessToken current() {
        AccessToken token = cached;
        if (token != null && token.isFreshAt(clock.instant(), refreshMargin)) {
            return token;
        }
        lock.lock();
        try {
            token = cached;
            Instant now = clock.instant();
            if (token != null && token.isFreshAt(now, refreshMargin)) {
                return token; // another caller renewed it while we waited
            }
            AccessToken stale = token != null ? token : rejected;
            Optional<AccessToken> stored = store.get(appId);
            AccessToken fresh;
            if (stored.isPresent() && !stored.get().equals(stale) && stored.get().isFreshAt(now, refreshMargin)) {
                fresh = stored.get(); // another user of the store already renewed it
            } else {
                fresh = store.refresh(appId, stale, fetch);
            }
            adopt(fresh);
            return fresh;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reports that WeChat rejected {@code failed} (40001, 40014, 42001). The token is dropped here and
     * in the store only if it is still the current one there; a newer token stays. The next
     * {@link #current()} then returns a token other than {@code failed}.
     */
    public void invalidate(AccessToken failed) {
        Objects.requireNonNull(failed, "failed");
        lock.lock();
        try {
            if (failed.equals(cached)) {
                cached = null;
                rejected = failed;
                cancelPendingRefresh();
            }
            store.invalidate(appId, failed);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the refresh-ahead thread, if any. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private void adopt(AccessToken token) {
        cached = token;
        rejected = null;
        scheduleRefreshAhead(token);
    }

    private void scheduleRefreshAhead(AccessToken token) {
        cancelPendingRefresh();
        if (refresher == null || closed) {
            return;
        }
        Instant at = token.expiresAt().minus(refreshMargin).minus(refreshMargin);
        Duration delay = Duration.between(clock.instant(), at);
        if (delay.isNegative() || delay.isZero()) {
            return; // too short-lived to renew ahead without a fetch loop; renewed on demand
        }
        try {
            pendingRefresh = refresher.schedule(() -> refreshAhead(token), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
            pendingRefresh = null;
        }
    }

    private void cancelPendingRefresh() {
        if (pendingRefresh != null) {
            pendingRefresh.cancel(false);
            pendingRefresh = null;
        }
    }

    private void refreshAhead(AccessToken due) {
        lock.lock();
        try {
            if (closed || !due.equals(cached)) {
                return; // replaced or invalidated meanwhile
            }
            adopt(store.refresh(appId, due, fetch));
            log.debug("Renewed the access token of app {} ahead of expiry", appId);
        } catch (RuntimeException e) {
            // Callers will fetch on demand once the token is stale; nothing is lost.
            log.warn("Renewing the access token of app {} ahead of expiry failed: {}", appId, e.toString());
        } finally {
            lock.unlock();
        }
    }
}
