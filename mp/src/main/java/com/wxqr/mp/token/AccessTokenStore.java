package com.wxqr.mp.token;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the current access_token of each app lives, shared by every client that uses the same
 * store (one JVM or, with a database-backed store, several instances).
 *
 * <p>Implementations must be thread-safe. Because WeChat invalidates the previous token (after a
 * 5-minute overlap) whenever a new one is fetched, a store must make sure that only one of its users
 * fetches at a time for an app: that is what {@link #refresh} guarantees.
 */
public interface AccessTokenStore {

    /** The stored token of {@code appId}, fresh or not; empty when none is stored. Never blocks on a fetch. */
    Optional<AccessToken> get(String appId);

    /**
     * Returns a usable token for {@code appId}, fetching a new one only when needed.
     *
     * <p>Runs under an exclusive lock for {@code appId} shared by every user of the store. Under the
     * lock it re-reads the stored token: if one is present, is not equal to {@code stale} and is not
     * near expiry, it is returned without calling {@code fetch}. Otherwise {@code fetch} is called,
     * its token stored and returned. Blocks while another user of the store holds the lock.
     *
     * @param stale the token the caller considers unusable (near expiry or rejected by WeChat), or
     *     null when the caller has none
     * @param fetch obtains a new token from WeChat; its exceptions propagate and nothing is stored
     */
    AccessToken refresh(String appId, AccessToken stale, Supplier<AccessToken> fetch);

    /**
     * Removes the stored token of {@code appId} only if it still equals {@code failed}
     * (compare-and-invalidate), so that a late report about an old token never drops a newer one.
     */
    void invalidate(String appId, AccessToken failed);
}
