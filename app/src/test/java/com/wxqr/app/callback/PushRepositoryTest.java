package com.wxqr.app.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.app.system.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/** Over the real migrations, on H2; {@link PushRepositoryIT} runs the same tests on PostgreSQL. */
class PushRepositoryTest extends DatabaseTest {
    final PushRepository pushes = new PushRepository(db.jdbc());

    @Test
    void aDedupeKeyCanBeClaimedOnceAndKeepsItsReplyDecision() {
        String key = "event:oUser:1732536000:subscribe:qrscene_abc";
        assertThat(pushes.decision(key)).isEmpty();
        pushes.record(key, "event", now, ReplyDecision.text("欢迎关注"));
        assertThatThrownBy(() -> pushes.record(key, "event", now, ReplyDecision.success()))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(pushes.decision(key)).contains(ReplyDecision.text("欢迎关注"));
        pushes.record("msg:1234567890123456", "text", now, ReplyDecision.quoteNews("quote-id"));
        assertThat(pushes.decision("msg:1234567890123456")).contains(ReplyDecision.quoteNews("quote-id"));
        pushes.record("event:oUser:1732536001:unsubscribe", "event", now, ReplyDecision.success());
        assertThat(pushes.decision("event:oUser:1732536001:unsubscribe")).contains(ReplyDecision.success());
        assertThat(db.jdbc()
                        .sql("select count(*) from inbound_push")
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }
}
