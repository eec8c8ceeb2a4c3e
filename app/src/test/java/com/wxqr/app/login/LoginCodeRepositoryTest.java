package com.wxqr.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import com.wxqr.app.system.UnguessableId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Login codes over the real migrations, on H2 and PostgreSQL: the browser's latest code, the first
 * scanner only, a confirmation only with the phone's bound token, once and before the code expires,
 * and a session taken at most once even when two instances poll at the same time.
 */
class LoginCodeRepositoryTest {
    static final Instant T = Instant.parse("2026-03-10T02:00:00Z");

    @RegisterExtension
    final TestDatabases db = TestDatabases.eachKind();

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aBrowserSeesItsLatestCodeAndAConfirmedCodeIsUsedOnce(TestDatabase.Kind kind) throws Exception {
        LoginCodeRepository one = new LoginCodeRepository(db.jdbc());
        LoginCodeRepository other = new LoginCodeRepository(db.jdbc()); // a second instance
        one.insert(code("wxlogin_a", T), UnguessableId.hash("browser"), "ticket-a");
        one.insert(code("wxlogin_b", T.plusSeconds(5)), UnguessableId.hash("browser"), "ticket-b");
        one.insert(code("wxlogin_c", T.plusSeconds(9)), UnguessableId.hash("someone else"), "ticket-c");
        assertThat(other.latestFor(UnguessableId.hash("browser")).orElseThrow().sceneStr())
                .isEqualTo("wxlogin_b");
        assertThat(other.latestFor(UnguessableId.hash("nobody"))).isEmpty();
        LoginCode stored = other.byScene("wxlogin_b").orElseThrow();
        assertThat(stored.userAgent()).contains("Firefox/126.0");
        assertThat(stored.requestedFrom()).isEqualTo("203.0.113.7");
        assertThat(stored.browser()).isEqualTo(new BrowserName("Firefox 126", "Linux"));

        assertThat(other.use("wxlogin_b", T.plusSeconds(20)))
                .as("not scanned yet")
                .isFalse();
        assertThat(one.claimScan("wxlogin_b", "o-1", T.plusSeconds(10))).isTrue();
        assertThat(other.claimScan("wxlogin_b", "o-2", T.plusSeconds(11)))
                .as("only the first scanner")
                .isFalse();
        LoginCode scanned = other.byScene("wxlogin_b").orElseThrow();
        assertThat(scanned.openid()).isEqualTo("o-1");
        assertThat(scanned.outcome()).isNull();
        assertThat(one.use("wxlogin_b", T.plusSeconds(12)))
                .as("scanned is not confirmed")
                .isFalse();

        // the confirmation needs the phone's bound token, and takes it once
        assertThat(one.decideByPhone(
                        "wxlogin_b", UnguessableId.hash("phone"), LoginCode.Outcome.ACCEPTED, T.plusSeconds(13)))
                .as("no token bound yet")
                .isFalse();
        assertThat(one.startAuthorization("wxlogin_b", "state1")).isTrue();
        assertThat(other.takeAuthorization("state1")).map(LoginCode::sceneStr).hasValue("wxlogin_b");
        assertThat(one.takeAuthorization("state1")).as("a state is used once").isEmpty();
        one.bindPhone("wxlogin_b", UnguessableId.hash("phone"));
        assertThat(other.phoneBound("wxlogin_b", UnguessableId.hash("phone"))).isTrue();
        assertThat(other.phoneBound("wxlogin_b", UnguessableId.hash("forged"))).isFalse();
        assertThat(other.decideByPhone(
                        "wxlogin_b", UnguessableId.hash("forged"), LoginCode.Outcome.ACCEPTED, T.plusSeconds(14)))
                .isFalse();
        assertThat(other.decideByPhone(
                        "wxlogin_b", UnguessableId.hash("phone"), LoginCode.Outcome.ACCEPTED, T.plusSeconds(14)))
                .isTrue();
        assertThat(one.decideByPhone(
                        "wxlogin_b", UnguessableId.hash("phone"), LoginCode.Outcome.CANCELLED, T.plusSeconds(15)))
                .as("decided once")
                .isFalse();
        assertThat(other.byScene("wxlogin_b").orElseThrow().outcome()).isEqualTo(LoginCode.Outcome.ACCEPTED);
        assertThat(one.use("wxlogin_b", T.plusSeconds(20))).isTrue();
        assertThat(other.use("wxlogin_b", T.plusSeconds(21))).isFalse();
        assertThat(other.byScene("wxlogin_b").orElseThrow().usedAt()).isEqualTo(T.plusSeconds(20));

        // a confirmation after the code expired changes nothing
        assertThat(one.claimScan("wxlogin_c", "o-2", T.plusSeconds(10))).isTrue();
        one.bindPhone("wxlogin_c", UnguessableId.hash("phone-c"));
        assertThat(one.decideByPhone(
                        "wxlogin_c", UnguessableId.hash("phone-c"), LoginCode.Outcome.ACCEPTED, T.plusSeconds(9 + 301)))
                .isFalse();
        assertThat(one.use("wxlogin_c", T.plusSeconds(320))).isFalse();
        assertThat(one.deleteCreatedBefore(T.plusSeconds(6))).isEqualTo(2);
        assertThat(one.byScene("wxlogin_c")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void concurrentScansOfOneInvitationNameOneInviteeAndConcurrentApprovalsDecideOnce(TestDatabase.Kind kind)
            throws Exception {
        LoginCodeRepository repository = new LoginCodeRepository(db.jdbc());
        LoginCode invitation = new LoginCode(
                "wxlogin_inv",
                LoginCode.Purpose.INVITE,
                "o-inviter",
                "https://weixin.qq.com/q/inv",
                T.plus(Duration.ofMinutes(5)),
                T,
                null,
                null,
                null,
                null,
                "203.0.113.7",
                null);
        repository.insert(invitation, UnguessableId.hash("inviter's browser"), "ticket-inv");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
            List<java.util.concurrent.Future<Boolean>> scans = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String openid = "o-scanner-" + i;
                scans.add(pool.submit(() -> {
                    together.await();
                    return db.transactions()
                            .execute(s -> repository.claimScan("wxlogin_inv", openid, T.plusSeconds(5)));
                }));
            }
            int won = 0;
            for (var scan : scans) {
                won += scan.get() ? 1 : 0;
            }
            assertThat(won).as("one invitee").isEqualTo(1);
            String invitee = repository.byScene("wxlogin_inv").orElseThrow().openid();
            assertThat(repository.pendingInvitations("o-inviter", T))
                    .extracting(LoginCode::openid)
                    .containsExactly(invitee);
            assertThat(repository.pendingInvitations("o-someone-else", T)).isEmpty();

            java.util.concurrent.CyclicBarrier approvals = new java.util.concurrent.CyclicBarrier(2);
            List<java.util.concurrent.Future<Boolean>> decided = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                decided.add(pool.submit(() -> {
                    approvals.await();
                    return db.transactions()
                            .execute(s -> repository.decideInvitation(
                                    "wxlogin_inv", "o-inviter", LoginCode.Outcome.ACCEPTED, T, T.plusSeconds(30)));
                }));
            }
            assertThat(decided.get(0).get() ^ decided.get(1).get())
                    .as("approved once")
                    .isTrue();
            assertThat(repository.decideInvitation(
                            "wxlogin_inv", "o-inviter", LoginCode.Outcome.REFUSED, T, T.plusSeconds(40)))
                    .isFalse();
            assertThat(repository.pendingInvitations("o-inviter", T)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    static LoginCode code(String scene, Instant created) {
        return new LoginCode(
                scene,
                LoginCode.Purpose.ADMIN,
                null,
                "https://weixin.qq.com/q/" + scene,
                created.plus(Duration.ofMinutes(5)),
                created,
                null,
                null,
                null,
                "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0",
                "203.0.113.7",
                null);
    }
}
