package com.wxqr.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import com.wxqr.app.system.UnguessableId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Login codes over the real migrations, on H2 and PostgreSQL: the browser's latest code, the
 * scan's outcome, and a session taken at most once even when two instances poll at the same time.
 */
class LoginCodeRepositoryTest {
    static final Instant T = Instant.parse("2026-03-10T02:00:00Z");

    @RegisterExtension
    final TestDatabases db = TestDatabases.eachKind();

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aBrowserSeesItsLatestCodeAndAnAcceptedCodeIsUsedOnce(TestDatabase.Kind kind) throws Exception {
        LoginCodeRepository one = new LoginCodeRepository(db.jdbc());
        LoginCodeRepository other = new LoginCodeRepository(db.jdbc()); // a second instance
        one.insert(code("wxlogin_a", T), UnguessableId.hash("browser"), "ticket-a");
        one.insert(code("wxlogin_b", T.plusSeconds(5)), UnguessableId.hash("browser"), "ticket-b");
        one.insert(code("wxlogin_c", T.plusSeconds(9)), UnguessableId.hash("someone else"), "ticket-c");
        assertThat(other.latestFor(UnguessableId.hash("browser")).orElseThrow().sceneStr())
                .isEqualTo("wxlogin_b");
        assertThat(other.latestFor(UnguessableId.hash("nobody"))).isEmpty();

        assertThat(other.use("wxlogin_b", T.plusSeconds(20)))
                .as("not scanned yet")
                .isFalse();
        one.recordScan("wxlogin_b", "o-1", LoginCode.Outcome.ACCEPTED, T.plusSeconds(10));
        LoginCode scanned = other.byScene("wxlogin_b").orElseThrow();
        assertThat(scanned.openid()).isEqualTo("o-1");
        assertThat(scanned.outcome()).isEqualTo(LoginCode.Outcome.ACCEPTED);
        assertThat(scanned.purpose()).isEqualTo(LoginCode.Purpose.ADMIN);
        assertThat(one.use("wxlogin_b", T.plusSeconds(20))).isTrue();
        assertThat(other.use("wxlogin_b", T.plusSeconds(21))).isFalse();
        assertThat(other.byScene("wxlogin_b").orElseThrow().usedAt()).isEqualTo(T.plusSeconds(20));

        one.recordScan("wxlogin_c", "o-2", LoginCode.Outcome.REFUSED, T.plusSeconds(10));
        assertThat(one.use("wxlogin_c", T.plusSeconds(20))).isFalse();
        assertThat(one.deleteCreatedBefore(T.plusSeconds(6))).isEqualTo(2);
        assertThat(one.byScene("wxlogin_c")).isPresent();
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
                null);
    }
}
