package com.wxqr.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.SqlTime;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The admin area's SQL over the real migrations, on H2 and on PostgreSQL: lead stages and
 * channels, filters and paging, the funnel with its days, the first admin made once, the audit.
 */
class OwnerQueriesTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // 2026-03-10 10:00 in Shanghai
    static final Instant T =
            LocalDate.of(2026, 3, 10).atTime(10, 0).atZone(SHANGHAI).toInstant();

    @RegisterExtension
    final TestDatabases db = TestDatabases.eachKind();

    static void quote(JdbcClient jdbc, String id, Instant created, String status, String owner, String source) {
        jdbc.sql("""
                insert into quote (public_id, usable_area, building_area, layout, grade, total, market_total, saving,
                    created_at, status, owner_openid, scanned_as, updated_at, source)
                values (:id, 89, 111.25, '3-2', 'standard', 61187.50, 80000, 18812.50, :created, :status, :owner,
                    :scannedAs, :updated, :source)
                """)
                .param("id", id)
                .param("created", SqlTime.param(created))
                .param("status", status)
                .param("owner", owner)
                .param("scannedAs", owner == null ? null : "NEW_FOLLOWER")
                .param("updated", SqlTime.param(created.plusSeconds(60)))
                .param("source", source)
                .update();
    }

    static void qr(JdbcClient jdbc, String quoteId, Instant at) {
        jdbc.sql(
                        "insert into qr_code (scene_str, quote_id, ticket, url, expires_at, created_at) values (:s, :q, 't', 'u', :e, :c)")
                .param("s", "scene-" + quoteId)
                .param("q", quoteId)
                .param("e", SqlTime.param(at.plusSeconds(1800)))
                .param("c", SqlTime.param(at))
                .update();
    }

    static void user(JdbcClient jdbc, String openid, String nickname, Instant subscribedAt, Instant unsubscribedAt) {
        jdbc.sql("""
                insert into wechat_user (openid, subscribed, subscribed_at, unsubscribed_at, nickname)
                values (:o, :s, :sa, :ua, :n)
                """)
                .param("o", openid)
                .param("s", unsubscribedAt == null)
                .param("sa", SqlTime.param(subscribedAt))
                .param("ua", SqlTime.param(unsubscribedAt))
                .param("n", nickname)
                .update();
    }

    static Map<Leads.Stage, String> names() {
        Map<Leads.Stage, String> names = new EnumMap<>(Leads.Stage.class);
        for (Leads.Stage s : Leads.Stage.values()) {
            names.put(s, s.name());
        }
        return names;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void leadsCarryTheirFurthestStageAndChannelAndTheFunnelCountsThem(TestDatabase.Kind kind) throws Exception {
        JdbcClient jdbc = db.jdbc();
        user(jdbc, "o-authorized", "小红", T, null);
        user(jdbc, "o-poster", null, T.minusSeconds(3600), T.plus(Duration.ofDays(2)));
        jdbc.sql("""
                insert into channel (name, welcome_text, scene_str, ticket, url, created_at)
                values ('海报', '欢迎', 'wxch_1', 't', 'u', :t)
                """).param("t", SqlTime.param(T.minusSeconds(7200))).update();
        long channel = jdbc.sql("select id from channel").query(Long.class).single();
        jdbc.sql(
                        "insert into channel_scan (channel_id, openid, new_follower, scanned_at) values (:c, 'o-poster', true, :t)")
                .param("c", channel)
                .param("t", SqlTime.param(T.minusSeconds(3600)))
                .update();

        quote(jdbc, "q-created", T, "WAITING", null, null);
        quote(jdbc, "q-shown", T.plusSeconds(1), "WAITING", null, "baidu / spring");
        qr(jdbc, "q-shown", T.plusSeconds(1));
        quote(jdbc, "q-poster", T.plusSeconds(2), "FAILED", "o-poster", "baidu / spring");
        qr(jdbc, "q-poster", T.plusSeconds(2));
        quote(jdbc, "q-authorized", T.plusSeconds(3), "DELIVERED", "o-authorized", "news.example.com");
        qr(jdbc, "q-authorized", T.plusSeconds(3));
        jdbc.sql("insert into quote_opened (quote_id, opened_at) values ('q-authorized', :t)")
                .param("t", SqlTime.param(T.plusSeconds(100)))
                .update();
        quote(jdbc, "q-next-day", T.plus(Duration.ofDays(1)), "WAITING", null, null);

        Leads leads = new Leads(jdbc);
        Instant dayStart = LocalDate.of(2026, 3, 10).atStartOfDay(SHANGHAI).toInstant();
        Leads.Filter day = new Leads.Filter(dayStart, dayStart.plus(Duration.ofDays(1)), null, null);
        List<Leads.Lead> found = leads.find(day, 0, 20);
        assertThat(found)
                .extracting(Leads.Lead::publicId)
                .containsExactly("q-authorized", "q-poster", "q-shown", "q-created");
        assertThat(found)
                .extracting(Leads.Lead::stage)
                .containsExactly(
                        Leads.Stage.PROFILE_AUTHORIZED, Leads.Stage.SCANNED, Leads.Stage.QR_SHOWN, Leads.Stage.CREATED);
        // the poster's channel code, scanned before the quote, wins over the quote's own source
        assertThat(found)
                .extracting(Leads.Lead::channel)
                .containsExactly("news.example.com", "海报", "baidu / spring", Leads.DIRECT);
        assertThat(found.get(0).nickname()).isEqualTo("小红");
        assertThat(found.get(1).unfollowed()).isTrue();
        assertThat(found.get(0).unfollowed()).isFalse();
        assertThat(found.get(0).total()).isEqualByComparingTo(new BigDecimal("61187.50"));

        assertThat(leads.count(day)).isEqualTo(4);
        assertThat(leads.find(day, 1, 2)).extracting(Leads.Lead::publicId).containsExactly("q-poster", "q-shown");
        assertThat(leads.count(new Leads.Filter(day.from(), day.to(), Leads.Stage.SCANNED, null)))
                .isEqualTo(1);
        assertThat(leads.count(new Leads.Filter(day.from(), day.to(), null, "海报")))
                .isEqualTo(1);
        assertThat(leads.countByChannel()).containsEntry("海报", 1).containsEntry(Leads.DIRECT, 2);

        Funnel funnel = new Funnel(jdbc, SHANGHAI);
        Funnel.Figures figures = funnel.figures(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 12), names());
        assertThat(figures.funnel()).extracting(Funnel.Step::count).containsExactly(5L, 3L, 2L, 1L, 1L, 1L);
        assertThat(figures.days()).extracting(Funnel.Day::quotes).containsExactly(4L, 1L, 0L);
        assertThat(figures.days())
                .extracting(Funnel.Day::newFollowers)
                .containsExactly(2L, 0L, 0L); // both followed on the 10th
        // o-poster scanned on the 10th and unfollowed two days later
        assertThat(figures.days()).extracting(Funnel.Day::unfollowsWithin7Days).containsExactly(0L, 0L, 1L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theFirstAdminIsMadeOnceAndTheAuditPagesNewestFirst(TestDatabase.Kind kind) throws Exception {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        Admins admins = new Admins(db.jdbc(), clock, SHANGHAI, db.transactions());
        assertThat(admins.any()).isFalse();
        new Admins(db.jdbc(), Clock.fixed(T.minusSeconds(600), ZoneOffset.UTC), SHANGHAI, db.transactions())
                .addSetupCode("hash-a");
        admins.addSetupCode("hash-b");
        assertThat(admins.setupCodeValid("hash-b")).isTrue();
        assertThat(admins.setupCodeValid("hash-x")).isFalse();
        Boolean first = db.transactions().execute(s -> admins.makeFirst("o-first"));
        assertThat(first).isTrue();
        Boolean second = db.transactions().execute(s -> admins.makeFirst("o-second"));
        assertThat(second).isFalse();
        assertThat(admins.setupCodeValid("hash-a")).isFalse();
        assertThat(admins.isAdmin("o-first")).isTrue();
        assertThat(admins.isAdmin("o-second")).isFalse();
        assertThat(admins.add("o-second", "o-first")).isTrue();
        assertThat(admins.add("o-second", "o-first")).isFalse();
        assertThat(admins.list()).extracting(Admins.Admin::openid).containsExactly("o-first", "o-second");

        Audit audit = new Audit(db.jdbc(), clock, SHANGHAI);
        for (int i = 0; i < 25; i++) {
            audit.record("o-first", "login", "第 " + i + " 次");
        }
        assertThat(audit.count()).isEqualTo(25);
        assertThat(audit.latest(20, 0))
                .hasSize(20)
                .first()
                .extracting(Audit.Entry::detail)
                .isEqualTo("第 24 次");
        assertThat(audit.latest(20, 20))
                .hasSize(5)
                .last()
                .extracting(Audit.Entry::detail)
                .isEqualTo("第 0 次");
        assertThat(audit.latest(1, 0).get(0).actor())
                .isEqualTo("管理员 #" + admins.list().get(0).id());
    }
}
