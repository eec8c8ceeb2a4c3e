package com.wxqr.app.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.DatabaseTest;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import com.wxqr.app.wechat.WeChatAccount;
import com.wxqr.mp.callback.MessageMode;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Dedupe records kept as long as a replay could pass the timestamp check; over H2 and PostgreSQL. */
class PushRetentionTest extends DatabaseTest {
    final PushRepository pushes = new PushRepository(db.jdbc());

    PushRetentionTest() {
        super(TestDatabases.eachKind());
    }

    static WeChatAccount account(Duration signatureMaxAge) {
        URI host = URI.create("http://127.0.0.1:9");
        return new WeChatAccount(
                "wx0123456789abcdef", "secret", "token", "", "", host, host, host, signatureMaxAge, MessageMode.PLAIN);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void recordsOlderThanTwiceTheWindowPlusAMinuteGoTheOthersStay(TestDatabase.Kind kind) {
        pushes.record("old", "event", now.minus(Duration.ofMinutes(11).plusSeconds(1)), ReplyDecision.success());
        pushes.record("kept", "event", now.minus(Duration.ofMinutes(10).plusSeconds(59)), ReplyDecision.success());
        pushes.record("new", "event", now, ReplyDecision.text("欢迎关注"));

        assertThat(new PushRetention(pushes, account(Duration.ofMinutes(5))).prune(now))
                .isEqualTo(1);

        assertThat(pushes.decision("old")).isEmpty();
        assertThat(pushes.decision("kept")).contains(ReplyDecision.success());
        assertThat(pushes.decision("new")).contains(ReplyDecision.text("欢迎关注"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void withTheTimestampCheckOffNothingIsPruned(TestDatabase.Kind kind) {
        pushes.record("ancient", "event", now.minus(Duration.ofDays(400)), ReplyDecision.success());
        assertThat(new PushRetention(pushes, account(Duration.ZERO)).prune(now)).isZero();
        assertThat(pushes.decision("ancient")).isPresent();
    }
}
