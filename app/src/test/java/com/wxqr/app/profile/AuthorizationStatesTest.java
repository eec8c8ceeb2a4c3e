package com.wxqr.app.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.quote.Quote;
import com.wxqr.app.quote.SampleQuotes;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import com.wxqr.emulator.EmulatorClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Over the real migrations, on H2 and on PostgreSQL; two stores on one database stand for two instances. */
class AuthorizationStatesTest {
    @RegisterExtension
    final TestDatabases db = TestDatabases.eachKind();

    final EmulatorClock clock = new EmulatorClock(Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));

    AuthorizationStates store() {
        return new AuthorizationStates(db.jdbc(), clock, new OAuthProperties(Duration.ofMinutes(10)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aStateIssuedOnOneInstanceIsAcceptedOnceOnAnotherFromTheSameBrowserOnly(TestDatabase.Kind kind) {
        Quote quote = SampleQuotes.store(db.jdbc(), clock.instant());
        String browser = AuthorizationStates.newBrowserNonce();
        String state = store().issue(browser, quote.publicId());
        assertThat(state).matches("[a-zA-Z0-9]{32}");

        AuthorizationStates other = store();
        assertThat(other.consume(state, AuthorizationStates.newBrowserNonce()))
                .as("another browser")
                .isEmpty();
        assertThat(other.consume(state, null)).as("no cookie").isEmpty();
        assertThat(other.consume("forged" + state.substring(6), browser))
                .as("a guessed state")
                .isEmpty();
        assertThat(other.consume(state, browser)).contains(quote.publicId());
        assertThat(other.consume(state, browser)).as("replayed").isEmpty();
        assertThat(db.jdbc()
                        .sql("select count(*) from oauth_state where browser_hash = :b")
                        .param("b", browser)
                        .query(Integer.class)
                        .single())
                .as("the nonce itself is never stored")
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anExpiredStateIsRefusedAndForgottenAndTheBrowserMayTryAgain(TestDatabase.Kind kind) {
        Quote quote = SampleQuotes.store(db.jdbc(), clock.instant());
        String browser = AuthorizationStates.newBrowserNonce();
        AuthorizationStates states = store();
        assertThat(states.attempted(browser, quote.publicId())).isFalse();
        String state = states.issue(browser, quote.publicId());
        assertThat(states.attempted(browser, quote.publicId())).isTrue();
        assertThat(states.attempted(AuthorizationStates.newBrowserNonce(), quote.publicId()))
                .isFalse();

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(states.consume(state, browser)).isEmpty();
        assertThat(states.attempted(browser, quote.publicId())).isFalse();
        assertThat(states.prune(clock.instant())).isEqualTo(1);
        assertThat(db.jdbc()
                        .sql("select count(*) from oauth_state")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
