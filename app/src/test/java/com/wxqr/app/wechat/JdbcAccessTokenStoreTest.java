package com.wxqr.app.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.app.system.DatabaseTest;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.mp.token.AccessToken;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Over the real migrations, on H2; {@link JdbcAccessTokenStoreIT} runs the same tests on PostgreSQL. */
class JdbcAccessTokenStoreTest extends DatabaseTest {
    static final String APP = "wx0123456789abcdef";

    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    JdbcAccessTokenStore store;

    @BeforeEach
    void openStore() {
        store = store(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** A store on the test database at {@code now}, with the given waits. */
    JdbcAccessTokenStore store(Duration lockTimeout, Duration fetchTimeout) {
        return new JdbcAccessTokenStore(
                db.dataSource(),
                Clock.fixed(now, java.time.ZoneOffset.UTC),
                meters,
                new WeChatTimeouts(fetchTimeout, lockTimeout));
    }

    boolean onPostgreSQL() {
        return db.kind() == TestDatabase.Kind.POSTGRESQL;
    }

    AccessToken token(String value, Duration lifetime) {
        return new AccessToken(value, now.plus(lifetime));
    }

    @Test
    void storesTheFetchedTokenAndReturnsItWithoutFetchingAgain() {
        AtomicInteger fetches = new AtomicInteger();
        AccessToken first = store.refresh(APP, null, () -> {
            fetches.incrementAndGet();
            return token("token-one-abcdefghijkl", Duration.ofHours(2));
        });
        AccessToken second = store.refresh(APP, null, () -> {
            fetches.incrementAndGet();
            return token("token-two-abcdefghijkl", Duration.ofHours(2));
        });
        assertThat(second).isEqualTo(first);
        assertThat(fetches).hasValue(1);
        assertThat(store.get(APP)).contains(first);
        assertThat(meters.counter("wxqr.token.refreshes", "outcome", "ok").count())
                .isEqualTo(1.0);
    }

    @Test
    void fetchesAgainWhenTheStoredTokenIsTheStaleOneOrNearExpiry() {
        AccessToken old = store.refresh(APP, null, () -> token("token-old-abcdefghijkl", Duration.ofMinutes(3)));
        AccessToken renewed = store.refresh(APP, null, () -> token("token-new-abcdefghijkl", Duration.ofHours(2)));
        assertThat(renewed.value()).isEqualTo("token-new-abcdefghijkl");
        AccessToken again = store.refresh(APP, renewed, () -> token("token-3rd-abcdefghijkl", Duration.ofHours(2)));
        assertThat(again.value()).isEqualTo("token-3rd-abcdefghijkl");
        assertThat(old.value()).isEqualTo("token-old-abcdefghijkl");
    }

    @Test
    void invalidateRemovesOnlyTheTokenThatFailed() {
        AccessToken current = store.refresh(APP, null, () -> token("token-cur-abcdefghijkl", Duration.ofHours(2)));
        store.invalidate(APP, token("token-older-abcdefghij", Duration.ofHours(1)));
        assertThat(store.get(APP)).contains(current);
        store.invalidate(APP, current);
        assertThat(store.get(APP)).isEmpty();
    }

    @Test
    void concurrentRefreshesFetchOnceBecauseTheRowIsLocked() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.refresh(APP, null, () -> {
                        fetches.incrementAndGet();
                        try {
                            Thread.sleep(200); // hold the lock while the others queue on it
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return token("token-" + fetches.get() + "-abcdefghijklmn", Duration.ofHours(2));
                    });
                }));
            }
            start.countDown();
            List<String> values = new ArrayList<>();
            for (Future<AccessToken> f : results) {
                values.add(f.get(20, TimeUnit.SECONDS).value());
            }
            assertThat(fetches).hasValue(1);
            assertThat(values).containsOnly(values.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallerWaitsForTheLockedRowAtMostTheLockTimeoutAndIsToldWhy() throws Exception {
        store.refresh(APP, null, () -> token("token-cur-abcdefghijkl", Duration.ofMinutes(3))); // near expiry
        JdbcAccessTokenStore impatient = store(Duration.ofMillis(500), Duration.ofSeconds(10));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<AccessToken> slow = pool.submit(() -> store.refresh(
                    APP,
                    null,
                    () -> { // another instance's slow fetch
                        holding.countDown();
                        try {
                            release.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return token("token-new-abcdefghijkl", Duration.ofHours(2));
                    }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            assertThatThrownBy(() ->
                            impatient.refresh(APP, null, () -> token("token-not-abcdefghijkl", Duration.ofHours(2))))
                    .isInstanceOf(TokenStoreTimeoutException.class)
                    .hasMessageContaining("gave up waiting for it after 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            release.countDown();
            assertThat(slow.get(20, TimeUnit.SECONDS).value()).isEqualTo("token-new-abcdefghijkl");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aHangingFetchIsCutAtTheFetchTimeoutAndTheLockIsFreeAtOnce() {
        JdbcAccessTokenStore bounded = store(Duration.ofMillis(500), Duration.ofMillis(700));
        long start = System.nanoTime();
        assertThatThrownBy(() -> bounded.refresh(APP, null, () -> {
                    try {
                        Thread.sleep(30_000); // WeChat does not answer
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return token("token-late-abcdefghijk", Duration.ofHours(2));
                }))
                .isInstanceOf(TokenStoreTimeoutException.class)
                .hasMessageContaining("longer than 700 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        // the row's lock went with the cut: the next caller fetches without waiting for the hanging one
        AccessToken next = bounded.refresh(APP, null, () -> token("token-next-abcdefghijk", Duration.ofHours(2)));
        assertThat(next.value()).isEqualTo("token-next-abcdefghijk");
        bounded.close();
    }
}
