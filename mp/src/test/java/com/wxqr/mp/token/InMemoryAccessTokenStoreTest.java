package com.wxqr.mp.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.mp.ConcurrentCallers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryAccessTokenStoreTest {

    private static final String APP = "wx0001";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryAccessTokenStore store = new InMemoryAccessTokenStore(clock, Duration.ofMinutes(5));
    private final AtomicInteger fetches = new AtomicInteger();

    private AccessToken fetchNew() {
        int n = fetches.incrementAndGet();
        return new AccessToken("token-" + n, clock.instant().plusSeconds(7200));
    }

    @Test
    void fetchesWhenNothingIsStoredAndKeepsTheResult() {
        AccessToken token = store.refresh(APP, null, this::fetchNew);

        assertThat(token.value()).isEqualTo("token-1");
        assertThat(store.get(APP)).contains(token);
    }

    @Test
    void returnsAFreshStoredTokenOtherThanTheStaleOneWithoutFetching() {
        AccessToken first = store.refresh(APP, null, this::fetchNew);
        AccessToken older = new AccessToken("older", clock.instant().plusSeconds(100));

        assertThat(store.refresh(APP, null, this::fetchNew)).isEqualTo(first);
        assertThat(store.refresh(APP, older, this::fetchNew)).isEqualTo(first);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void fetchesWhenTheStoredTokenIsTheStaleOne() {
        AccessToken first = store.refresh(APP, null, this::fetchNew);

        assertThat(store.refresh(APP, first, this::fetchNew).value()).isEqualTo("token-2");
    }

    @Test
    void fetchesWhenTheStoredTokenIsNearExpiry() {
        store.refresh(APP, null, this::fetchNew);
        clock.advance(Duration.ofSeconds(7200 - 299));

        assertThat(store.refresh(APP, null, this::fetchNew).value()).isEqualTo("token-2");
    }

    @Test
    void aFailedFetchStoresNothingAndPropagates() {
        assertThatThrownBy(() -> store.refresh(APP, null, () -> {
                    throw new IllegalStateException("WeChat down");
                }))
                .hasMessage("WeChat down");
        assertThat(store.get(APP)).isEmpty();
    }

    @Test
    void invalidateRemovesOnlyTheTokenThatFailed() {
        AccessToken first = store.refresh(APP, null, this::fetchNew);
        AccessToken second = store.refresh(APP, first, this::fetchNew);

        store.invalidate(APP, first);
        assertThat(store.get(APP)).contains(second);

        store.invalidate(APP, second);
        assertThat(store.get(APP)).isEmpty();
    }

    @Test
    void appsAreKeptApart() {
        store.refresh(APP, null, this::fetchNew);

        assertThat(store.get("wx0002")).isEmpty();
    }

    @Test
    void manyThreadsRefreshingAtOnceCauseOneFetch() throws Exception {
        List<AccessToken> results = ConcurrentCallers.run(
                50,
                i -> store.refresh(APP, null, () -> {
                    slowly();
                    return fetchNew();
                }));

        assertThat(results).allSatisfy(token -> assertThat(token.value()).isEqualTo("token-1"));
        assertThat(fetches).hasValue(1);
    }

    static void slowly() {
        try {
            Thread.sleep(100); // widens the window in which other threads pile up; not a timing assertion
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
