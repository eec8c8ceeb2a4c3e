package com.wxqr.app.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.quote.Layout;
import com.wxqr.app.quote.Quotes;
import com.wxqr.app.scan.QrCodes;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.app.system.SignedPushes;
import com.wxqr.app.system.StatementCounter;
import com.wxqr.mp.callback.InboundMessage;
import com.wxqr.mp.callback.Reply;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database round trips one push costs (statements, commits and rollbacks sent by the request's
 * thread, each one round trip on PostgreSQL), so that the push path cannot silently grow them back:
 * under load every round trip is a hand-off to the database and back. Budgets per database as of the
 * changes that set them: on H2 the portable path (7 before it for the benchmark's push, 14 for a
 * first scan with passive delivery); on PostgreSQL ({@link PushStatementBudgetIT}) a follow or scan
 * is one statement ({@link ScanStatement}) and its commit.
 */
@SafePassiveApp
class PushStatementBudgetTest {
    private static final AtomicLong CREATE_TIME = new AtomicLong(1_800_000_000L);

    @Autowired
    PushHandler handler;

    @Autowired
    Quotes quotes;

    @Autowired
    QrCodes qrCodes;

    @Autowired
    JdbcClient jdbc;

    static InboundMessage event(String openid, String event, String eventKey) {
        return InboundMessage.parse(
                SignedPushes.event("gh_9a8b7c6d5e4f", openid, CREATE_TIME.incrementAndGet(), event, eventKey));
    }

    record Handled(Reply reply, List<String> statements) {}

    /** The most round trips each kind of push may cost on this class's database. */
    record Budgets(int unknownScene, int firstScan, int secondScanner, int lostCardRetry, int text, int unfollow) {}

    /** The portable path's (H2). A text costs one more for its customer-service window (follower_window, #21). */
    Budgets budgets() {
        return new Budgets(4, 6, 5, 9, 3, 3);
    }

    Handled handle(InboundMessage message) {
        AtomicReference<Reply> reply = new AtomicReference<>();
        List<String> statements = StatementCounter.during(() -> reply.set(handler.handle(message)));
        return new Handled(reply.get(), statements);
    }

    String newScene() {
        String publicId = quotes.create(new BigDecimal("89"), Layout.THREE_BEDROOMS, "standard", null)
                .publicId();
        return qrCodes.issue(publicId, "budget-test").sceneStr();
    }

    @Test
    void theBenchmarksPushANewUserWithAnUnknownSceneStaysWithinItsBudget() {
        Handled h = handle(event("oBudgetUnknown", "subscribe", "qrscene_not-one-of-ours"));
        assertThat(h.reply()).isInstanceOf(Reply.Text.class);
        assertThat(h.statements())
                .as("H2: merge the user, look the scene up, record the push, commit;"
                        + " PostgreSQL: the statement, commit")
                .hasSizeLessThanOrEqualTo(budgets().unknownScene());
    }

    @Test
    void aFirstScanWithPassiveDeliveryASecondScannerAndARetryStayWithinTheirBudgets() {
        String scene = newScene();
        InboundMessage first = event("oBudgetFirst", "subscribe", "qrscene_" + scene);
        Handled owner = handle(first);
        assertThat(owner.reply()).isInstanceOf(Reply.News.class);
        assertThat(owner.statements())
                .as("H2: merge the user, look the scene up, claim and mark delivered, record the push,"
                        + " commit, read the quote for the card; PostgreSQL: the statement, a notification per status"
                        + " change (scanned, delivered), commit, read the quote")
                .hasSizeLessThanOrEqualTo(budgets().firstScan());

        Handled other = handle(event("oBudgetSecond", "SCAN", scene));
        assertThat(other.reply()).isInstanceOf(Reply.Text.class);
        assertThat(other.statements()).hasSizeLessThanOrEqualTo(budgets().secondScanner());

        // a retry: one rolled-back attempt and the recorded reply, then (the card of the first answer
        // was lost) the card queued in the outbox once, answered success; the quote keeps its owner
        int pushes = jdbc.sql("select count(*) from inbound_push")
                .query(Integer.class)
                .single();
        Handled retry = handle(first);
        assertThat(retry.reply()).isEqualTo(Reply.success());
        assertThat(retry.statements())
                .as("H2: the attempt (4 and its rollback), read the reply, mark the fallback, queue the card,"
                        + " commit; PostgreSQL: the statement (which marks the fallback), queue the card, commit")
                .hasSizeLessThanOrEqualTo(budgets().lostCardRetry());
        Handled again = handle(first);
        assertThat(again.reply()).isEqualTo(Reply.success());
        assertThat(jdbc.sql("select count(*) from inbound_push")
                        .query(Integer.class)
                        .single())
                .isEqualTo(pushes);
        assertThat(jdbc.sql("select count(*) from delivery_outbox o join qr_code c on c.quote_id = o.quote_id"
                                + " where c.scene_str = :s")
                        .param("s", scene)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                "select owner_openid from quote q join qr_code c on c.quote_id = q.public_id where c.scene_str = :s")
                        .param("s", scene)
                        .query(String.class)
                        .single())
                .isEqualTo("oBudgetFirst");
    }

    @Test
    void textAndUnfollowStayWithinTheirBudgets() {
        Handled text =
                handle(InboundMessage.parse("<xml><ToUserName><![CDATA[gh_9a8b7c6d5e4f]]></ToUserName><FromUserName>"
                        + "<![CDATA[oBudgetText]]></FromUserName><CreateTime>1800000000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                        + "<Content><![CDATA[多少钱？]]></Content><MsgId>7000000000000000001</MsgId></xml>"));
        assertThat(text.reply()).isInstanceOf(Reply.Text.class);
        assertThat(text.statements()).hasSizeLessThanOrEqualTo(budgets().text());

        Handled unfollow = handle(event("oBudgetText", "unsubscribe", ""));
        assertThat(unfollow.reply()).isEqualTo(Reply.success());
        assertThat(unfollow.statements()).hasSizeLessThanOrEqualTo(budgets().unfollow());
    }
}
