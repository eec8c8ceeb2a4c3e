package com.wxqr.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The admin rules of issue #24 over the real migrations, on H2 and PostgreSQL: the last admin is
 * never removed, not even by two admins removing each other at the same moment; a setup code
 * works for an hour and only while it is the newest.
 */
class AdminRulesTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant T = Instant.parse("2026-03-10T02:00:00Z");

    @RegisterExtension
    final TestDatabases db = TestDatabases.eachKind();

    Admins at(Instant now) {
        return new Admins(db.jdbc(), Clock.fixed(now, ZoneOffset.UTC), SHANGHAI, db.transactions());
    }

    long id(Admins admins, String openid) {
        return admins.list().stream()
                .filter(a -> a.openid().equals(openid))
                .findFirst()
                .orElseThrow()
                .id();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theLastAdminIsNeverRemovedEvenByTwoRemovalsAtOnce(TestDatabase.Kind kind) throws Exception {
        Admins admins = at(T);
        admins.add("o-a", null);
        admins.add("o-b", "o-a");
        assertThat(admins.remove(id(admins, "o-a"), "o-a")).isEqualTo(Admins.Removal.SELF);
        assertThat(admins.remove(id(admins, "o-b"), "o-a")).isEqualTo(Admins.Removal.REMOVED);
        assertThat(admins.remove(id(admins, "o-a"), "o-b"))
                .as("a removed admin removes nobody")
                .isEqualTo(Admins.Removal.GONE);
        assertThat(admins.list()).extracting(Admins.Admin::openid).containsExactly("o-a");

        // two admins remove each other at the same moment, many times over: one admin always stays
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                String other = "o-round-" + round;
                admins.add(other, "o-a");
                long a = id(admins, "o-a");
                long b = id(admins, other);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Admins.Removal> aRemovesB = pool.submit(() -> {
                    together.await();
                    return admins.remove(b, "o-a");
                });
                Future<Admins.Removal> bRemovesA = pool.submit(() -> {
                    together.await();
                    return admins.remove(a, other);
                });
                List<Admins.Removal> results = new ArrayList<>(List.of(aRemovesB.get(), bRemovesA.get()));
                assertThat(results).containsOnlyOnce(Admins.Removal.REMOVED);
                assertThat(admins.list()).hasSize(1);
                if (!admins.isAdmin("o-a")) { // B won this round: make A the survivor again
                    admins.add("o-a", other);
                    assertThat(admins.remove(id(admins, other), "o-a")).isEqualTo(Admins.Removal.REMOVED);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(admins.list()).extracting(Admins.Admin::openid).containsExactly("o-a");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aSetupCodeWorksForAnHourAndOnlyWhileItIsTheNewest(TestDatabase.Kind kind) {
        at(T).addSetupCode("hash-old");
        assertThat(at(T.plusSeconds(60)).setupCodeValid("hash-old")).isTrue();
        at(T.plusSeconds(120)).addSetupCode("hash-new"); // another start printed a newer one
        assertThat(at(T.plusSeconds(180)).setupCodeValid("hash-old")).isFalse();
        assertThat(at(T.plusSeconds(180)).setupCodeValid("hash-new")).isTrue();
        assertThat(at(T.plusSeconds(120 + 3599)).setupCodeValid("hash-new")).isTrue();
        assertThat(at(T.plusSeconds(120 + 3601)).setupCodeValid("hash-new"))
                .as("expired after an hour")
                .isFalse();
        assertThat(at(T.plusSeconds(120 + 3601)).newestSetupCode())
                .as("the setup page prints a fresh code then")
                .isEmpty();
        // and none works once an admin exists
        at(T.plusSeconds(4000)).addSetupCode("hash-fresh");
        assertThat(at(T.plusSeconds(4001)).setupCodeValid("hash-fresh")).isTrue();
        at(T.plusSeconds(4002)).add("o-admin", null);
        assertThat(at(T.plusSeconds(4003)).setupCodeValid("hash-fresh")).isFalse();
    }
}
