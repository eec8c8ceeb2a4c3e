package com.wxqr.mp.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.mp.ConcurrentCallers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AccessTokenManagerTest {

    private static final String APP = "wx0001";
    private static final Duration MARGIN = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryAccessTokenStore store = new InMemoryAccessTokenStore(clock, MARGIN);
    private final AtomicInteger fetches = new AtomicInteger();

    private final Supplier<AccessToken> fetch = () -> {
        InMemoryAccessTokenStoreTest.slowly();
        return new AccessToken(
                "token-" + fetches.incrementAndGet(), clock.instant().plusSeconds(7200));
    };

    private AccessTokenManager manager() {
        return new AccessTokenManager(APP, store, fetch, clock, MARGIN, false, WAIT, BACKOFF);
    }

    @Test
    void handsOutTheCachedTokenUntilItIsNearExpiry() {
        try (AccessTokenManager tokens = manager()) {
            AccessToken first = tokens.current();
            clock.advance(Duration.ofSeconds(7200 - 301));
            assertThat(tokens.current()).isSameAs(first);

            clock.advance(Duration.ofSeconds(2));
            assertThat(tokens.current().value()).isEqualTo("token-2");
        }
    }

    @Test
    void hundredThreadsOfTwoInstancesSharingAStoreCauseOneFetch() throws Exception {
        try (AccessTokenManager a = manager();
                AccessTokenManager b = manager()) {
            List<AccessToken> seen = ConcurrentCallers.run(100, i -> (i % 2 == 0 ? a : b).current());

            assertThat(seen).extracting(AccessToken::value).containsOnly("token-1");
            assertThat(fetches).hasValue(1);
        }
    }

    @Test
    void aLateFailureReportDoesNotDropANewerToken() {
        try (AccessTokenManager a = manager();
                AccessTokenManager b = manager()) {
            AccessToken first = a.current();
            assertThat(b.current()).isEqualTo(first);

            b.invalidate(first);
            AccessToken second = b.current();
            assertThat(second.value()).isEqualTo("token-2");

            a.invalidate(first); // instance A learns late that token-1 failed
            assertThat(store.get(APP)).contains(second);
            assertThat(a.current()).isEqualTo(second);
            assertThat(fetches).hasValue(2);
        }
    }

    @Test
    void aRejectedTokenIsNotHandedBackEvenIfTheStoreStillHoldsIt() {
        AccessTokenStore forgetful = new AccessTokenStore() {
            @Override
            public java.util.Optional<AccessToken> get(String appId) {
                return store.get(appId);
            }

            @Override
            public AccessToken refresh(String appId, AccessToken stale, Supplier<AccessToken> fetch) {
                return store.refresh(appId, stale, fetch);
            }

            @Override
            public void invalidate(String appId, AccessToken failed) {
                // e.g. another instance re-stored it meanwhile: the store keeps the failed token
            }
        };
        try (AccessTokenManager tokens =
                new AccessTokenManager(APP, forgetful, fetch, clock, MARGIN, false, WAIT, BACKOFF)) {
            AccessToken first = tokens.current();
            tokens.invalidate(first);

            assertThat(tokens.current().value()).isEqualTo("token-2");
        }
    }

    @Test
    void aFailedFetchReachesTheCallerAndTheFirstCallAfterTheBackOffTriesAgain() {
        AtomicInteger attempts = new AtomicInteger();
        Supplier<AccessToken> flaky = () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("network down");
            }
            return new AccessToken("token-ok", clock.instant().plusSeconds(7200));
        };
        try (AccessTokenManager tokens =
                new AccessTokenManager(APP, store, flaky, clock, MARGIN, false, WAIT, BACKOFF)) {
            assertThatThrownBy(tokens::current).hasMessage("network down");
            clock.advance(BACKOFF);
            assertThat(tokens.current().value()).isEqualTo("token-ok");
        }
    }

    @Test
    void aFailedFetchIsHandedToEveryWaiterAndRememberedForTheBackOffOnly() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException down = new IllegalStateException("token endpoint down");
        Supplier<AccessToken> failing = () -> {
            attempts.incrementAndGet();
            InMemoryAccessTokenStoreTest.slowly();
            throw down;
        };
        try (AccessTokenManager tokens =
                new AccessTokenManager(APP, store, failing, clock, MARGIN, false, WAIT, BACKOFF)) {
            List<Object> seen = ConcurrentCallers.run(20, i -> {
                try {
                    return tokens.current();
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(seen).containsOnly(down);
            assertThat(attempts).hasValue(1);

            clock.advance(BACKOFF.minusMillis(1));
            assertThatThrownBy(tokens::current).isSameAs(down);
            assertThat(attempts).hasValue(1);

            clock.advance(Duration.ofMillis(1));
            assertThatThrownBy(tokens::current).isSameAs(down);
            assertThat(attempts).as("one new attempt once the back-off is over").hasValue(2);
        }
    }

    @Test
    void waitersGiveUpAfterTheirBoundedWaitWhileTheFetchGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch fetching = new CountDownLatch(1);
        Supplier<AccessToken> hanging = () -> {
            fetching.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new AccessToken("token-late", clock.instant().plusSeconds(7200));
        };
        Duration wait = Duration.ofMillis(300);
        try (AccessTokenManager tokens =
                new AccessTokenManager(APP, store, hanging, clock, MARGIN, false, wait, BACKOFF)) {
            ExecutorService leader = Executors.newSingleThreadExecutor();
            try {
                Future<AccessToken> first = leader.submit(tokens::current);
                assertThat(fetching.await(5, TimeUnit.SECONDS)).isTrue();

                long started = System.nanoTime();
                assertThatThrownBy(tokens::current)
                        .isInstanceOf(AccessTokenUnavailableException.class)
                        .hasMessageContaining("PT0.3S")
                        .hasMessageContaining(APP);
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .isBetween(wait.minusMillis(20), wait.plusSeconds(5));

                release.countDown();
                assertThat(first.get(5, TimeUnit.SECONDS).value()).isEqualTo("token-late");
                assertThat(tokens.current().value()).isEqualTo("token-late");
            } finally {
                release.countDown();
                leader.shutdownNow();
            }
        }
    }

    @Test
    void invalidSettingsAreRefusedNamingThem() {
        assertThatThrownBy(
                        () -> new AccessTokenManager(APP, store, fetch, clock, MARGIN, false, Duration.ZERO, BACKOFF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxWait");
        assertThatThrownBy(() ->
                        new AccessTokenManager(APP, store, fetch, clock, MARGIN, false, WAIT, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failureBackoff");
    }

    @Test
    void rejectsABlankAppId() {
        assertThatThrownBy(() -> new AccessTokenManager(" ", store, fetch, clock, MARGIN, false, WAIT, BACKOFF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appId");
    }
}
