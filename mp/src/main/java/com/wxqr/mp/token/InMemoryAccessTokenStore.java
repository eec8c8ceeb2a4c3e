package com.wxqr.mp.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * An {@link AccessTokenStore} in this JVM's memory: it serves every client of one process that is
 * given the same instance. Thread-safe; one lock per app id, so apps do not wait for each other.
 */
public final class InMemoryAccessTokenStore implements AccessTokenStore {

    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration refreshMargin;

    /** A store that treats tokens within {@link AccessToken#DEFAULT_REFRESH_MARGIN} of expiry as stale. */
    public InMemoryAccessTokenStore() {
        this(Clock.systemUTC(), AccessToken.DEFAULT_REFRESH_MARGIN);
    }

    /**
     * @param clock the time used to judge whether a stored token is near expiry
     * @param refreshMargin a stored token with less than this left is refreshed rather than returned
     * @throws IllegalArgumentException if refreshMargin is negative
     */
    public InMemoryAccessTokenStore(Clock clock, Duration refreshMargin) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin");
        if (refreshMargin.isNegative()) {
            throw new IllegalArgumentException("refreshMargin must not be negative: " + refreshMargin);
        }
    }

    @Override
    public Optional<AccessToken> get(String appId) {
        return Optional.ofNullable(slot(appId).token);
    }

    @Override
    public AccessToken refresh(String appId, AccessToken stale, Supplier<AccessToken> fetch) {
        Objects.requireNonNull(fetch, "fetch");
        Slot slot = slot(appId);
        synchronized (slot) {
            AccessToken stored = slot.token;
            if (stored != null && !stored.equals(stale) && stored.isFreshAt(clock.instant(), refreshMargin)) {
                return stored;
            }
            AccessToken fetched = Objects.requireNonNull(fetch.get(), "fetch returned null");
            slot.token = fetched;
            return fetched;
        }
    }

    @Override
    public void invalidate(String appId, AccessToken failed) {
        Slot slot = slot(appId);
        synchronized (slot) {
            if (slot.token != null && slot.token.equals(failed)) {
                slot.token = null;
            }
        }
    }

    private Slot slot(String appId) {
        Objects.requireNonNull(appId, "appId");
        return slots.computeIfAbsent(appId, id -> new Slot());
    }

    private static final class Slot {
        volatile AccessToken token;
    }
}
