package com.wxqr.mp.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the access_token of one app usable for the callers of one client, without letting a slow
 * or failing token endpoint convoy them.
 *
 * <ul>
 *   <li>A cached token is handed out without locking while more than the refresh margin remains.
 *   <li><b>Single flight:</b> however many threads need a new token at once, one of them fetches
 *       (through the {@link AccessTokenStore}, which serialises fetches across every user of the
 *       store and first returns a token another user already fetched); the others wait for that
 *       fetch at most {@code maxWait} and then fail fast with an
 *       {@link AccessTokenUnavailableException}. The fetching thread's own time is bounded by the
 *       fetch (its HTTP call timeout) and the store.
 *   <li><b>Failure back-off:</b> when the fetch fails, its exception is handed to every waiter and
 *       remembered for {@code failureBackoff}; callers in that period get the same exception at once
 *       instead of each repeating the fetch. The exception is the fetch's own instance, shared.
 *   <li>With refresh-ahead on, a daemon thread renews the token when two margins remain, so callers
 *       do not wait. A token that lives less than two margins is renewed on demand only.
 *   <li>{@link #invalidate} drops a token WeChat rejected only if it is still the current one.
 * </ul>
 *
 * <p>Thread-safe; it holds no lock of its own (only the store may block, within its own bounds).
 * {@link #close()} stops the refresh-ahead thread; the keeper still works after it, fetching on
 * demand.
 */
public final class AccessTokenManager implements AutoCloseable {

    /** How long callers wait for another caller's fetch unless configured otherwise: 10 seconds. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);
    /** How long a failed fetch is remembered unless configured otherwise: 2 seconds. */
    public static final Duration DEFAULT_FAILURE_BACKOFF = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(AccessTokenManager.class);

    /** A failed fetch and the instant until which it is handed out instead of fetching again. */
    private record Failure(RuntimeException error, Instant until) {}

    private final String appId;
    private final AccessTokenStore store;
    private final Supplier<AccessToken> fetch;
    private final Clock clock;
    private final Duration refreshMargin;
    private final Duration maxWait;
    private final Duration failureBackoff;
    private final ScheduledExecutorService refresher;

    private final AtomicReference<AccessToken> cached = new AtomicReference<>();
    /** The fetch in flight, if any; whoever installs it runs it, everyone else waits on it. */
    private final AtomicReference<CompletableFuture<AccessToken>> inFlight = new AtomicReference<>();

    private final AtomicReference<ScheduledFuture<?>> pendingRefresh = new AtomicReference<>();
    /** The last token WeChat rejected; passed as "stale" so the store will not hand it back. */
    private volatile AccessToken rejected;

    private volatile Failure lastFailure;
    private volatile boolean closed;

    /**
     * @param appId the app whose token this keeper holds
     * @param store where the token is shared with other clients
     * @param fetch obtains a new token from WeChat (called under the store's lock); its exceptions
     *     reach the caller of {@link #current()} and every caller waiting for the same fetch
     * @param clock the time used for expiry decisions and the failure back-off
     * @param refreshMargin a token with less than this left is not handed out any more
     * @param refreshAhead whether a daemon thread renews the token before callers would have to wait
     * @param maxWait how long a caller waits for another caller's fetch before failing; positive
     * @param failureBackoff how long a failed fetch is handed to callers instead of fetching again;
     *     zero turns the memory off
     * @throws IllegalArgumentException naming the first invalid argument
     */
    public AccessTokenManager(
            String appId,
            AccessTokenStore store,
            Supplier<AccessToken> fetch,
            Clock clock,
            Duration refreshMargin,
            boolean refreshAhead,
            Duration maxWait,
            Duration failureBackoff) {
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
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive: " + maxWait);
        }
        this.failureBackoff = Objects.requireNonNull(failureBackoff, "failureBackoff");
        if (failureBackoff.isNegative()) {
            throw new IllegalArgumentException("failureBackoff must not be negative: " + failureBackoff);
        }
        this.refresher = refreshAhead
                ? Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "wxqr-token-refresh-" + appId);
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
    }

    /**
     * A token with more than the refresh margin left. Returns at once when one is cached, or with the
     * remembered failure during the back-off after a failed fetch. Otherwise this caller fetches
     * (through the store) or, if another caller already is, waits for that fetch at most
     * {@code maxWait}.
     *
     * @throws AccessTokenUnavailableException if another caller's fetch did not end within {@code maxWait}
     * @throws RuntimeException whatever the fetch (or the store) threw, for the fetching caller, its
     *     waiters and every caller during the back-off
     */
    public AccessToken current() {
        AccessToken token = cached.get();
        if (token != null && token.isFreshAt(clock.instant(), refreshMargin)) {
            return token;
        }
        throwIfBackingOff();
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        CompletableFuture<AccessToken> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return await(running);
        }
        try {
            AccessToken fresh = fetchOnce();
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.compareAndSet(mine, null);
        }
    }

    /**
     * Reports that WeChat rejected {@code failed} (40001, 40014, 42001). The token is dropped here and
     * in the store only if it is still the current one there; a newer token stays. The next
     * {@link #current()} then returns a token other than {@code failed}.
     */
    public void invalidate(AccessToken failed) {
        Objects.requireNonNull(failed, "failed");
        AccessToken current = cached.get();
        if (failed.equals(current) && cached.compareAndSet(current, null)) {
            rejected = failed;
            cancelPendingRefresh();
        }
        store.invalidate(appId, failed);
    }

    /**
     * The token WeChat last rejected through {@link #invalidate} that no fetch has replaced yet, or
     * null. A fetch may look at it to tell whether WeChat handed back the very token it refused.
     */
    public AccessToken rejected() {
        return rejected;
    }

    /** Stops the refresh-ahead thread, if any. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Runs in the caller that installed the flight: re-checks, then reads or refreshes the store. */
    private AccessToken fetchOnce() {
        AccessToken token = cached.get();
        Instant now = clock.instant();
        if (token != null && token.isFreshAt(now, refreshMargin)) {
            return token; // a flight that ended just before ours renewed it
        }
        throwIfBackingOff(); // a flight that ended just before ours failed
        AccessToken stale = token != null ? token : rejected;
        try {
            Optional<AccessToken> stored = store.get(appId);
            AccessToken fresh;
            if (stored.isPresent()
                    && !stored.get().equals(stale)
                    && stored.get().isFreshAt(now, refreshMargin)) {
                fresh = stored.get(); // another user of the store already renewed it
            } else {
                fresh = store.refresh(appId, stale, fetch);
            }
            adopt(fresh);
            lastFailure = null;
            return fresh;
        } catch (RuntimeException e) {
            if (!failureBackoff.isZero()) {
                lastFailure = new Failure(e, clock.instant().plus(failureBackoff));
            }
            throw e;
        }
    }

    private void throwIfBackingOff() {
        Failure failure = lastFailure;
        if (failure != null && clock.instant().isBefore(failure.until())) {
            throw failure.error();
        }
    }

    private AccessToken await(CompletableFuture<AccessToken> running) {
        try {
            return running.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AccessTokenUnavailableException(
                    "waited " + maxWait + " for the access token fetch of app " + appId
                            + " already in progress; try again later",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccessTokenUnavailableException(
                    "interrupted while waiting for the access token fetch of app " + appId, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new AccessTokenUnavailableException("the access token fetch of app " + appId + " failed", cause);
        }
    }

    private void adopt(AccessToken token) {
        cached.set(token);
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
            ScheduledFuture<?> scheduled =
                    refresher.schedule(() -> refreshAhead(token), delay.toMillis(), TimeUnit.MILLISECONDS);
            ScheduledFuture<?> previous = pendingRefresh.getAndSet(scheduled);
            if (previous != null) {
                previous.cancel(false);
            }
        } catch (RejectedExecutionException closedMeanwhile) {
            // closed: callers fetch on demand
        }
    }

    private void cancelPendingRefresh() {
        ScheduledFuture<?> pending = pendingRefresh.getAndSet(null);
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** Renews {@code due} ahead of expiry as a flight of its own; skips if a caller is already fetching. */
    private void refreshAhead(AccessToken due) {
        if (closed || !due.equals(cached.get())) {
            return; // replaced or invalidated meanwhile
        }
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        if (!inFlight.compareAndSet(null, mine)) {
            return; // a caller is fetching already
        }
        try {
            AccessToken fresh = store.refresh(appId, due, fetch);
            adopt(fresh);
            mine.complete(fresh);
            log.debug("Renewed the access token of app {} ahead of expiry", appId);
        } catch (RuntimeException e) {
            // The cached token is still usable; callers will fetch on demand once it is stale.
            mine.completeExceptionally(e);
            log.warn("Renewing the access token of app {} ahead of expiry failed: {}", appId, e.toString());
        } finally {
            inFlight.compareAndSet(mine, null);
        }
    }
}
