package com.wxqr.app.admin;

import com.wxqr.app.system.SqlTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The funnel of a period (quotes created in it, by the furthest stage reached) and its days: new
 * quotes, new followers, and unfollows within 7 days of the unfollower's scan of a quote code.
 * Days are calendar days in {@code wxqr.time-zone}.
 */
@Component
class Funnel {
    static final Duration UNFOLLOW_WINDOW = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final ZoneId zone;

    Funnel(JdbcClient jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /** How many quotes reached each stage (in stage order). */
    record Step(int stage, String name, long count) {}

    record Day(LocalDate date, long quotes, long newFollowers, long unfollowsWithin7Days) {}

    record Figures(LocalDate from, LocalDate to, List<Step> funnel, List<Day> days) {}

    Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The figures for the days {@code from} to {@code to}, both included; names are the stages' labels. */
    Figures figures(LocalDate from, LocalDate to, Map<Leads.Stage, String> names) {
        Instant start = startOf(from);
        Instant end = startOf(to.plusDays(1));
        List<Integer> stages = jdbc.sql("select l.stage from (" + Leads.LEADS
                        + ") l where l.created_at >= :from and l.created_at < :to")
                .param("from", SqlTime.param(start))
                .param("to", SqlTime.param(end))
                .query(Integer.class)
                .list();
        List<Step> funnel = new ArrayList<>();
        for (Leads.Stage stage : Leads.Stage.values()) {
            funnel.add(new Step(
                    stage.number(),
                    names.get(stage),
                    stages.stream().filter(s -> s >= stage.number()).count()));
        }

        Map<LocalDate, long[]> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d, new long[3]);
        }
        times("quote", "created_at", start, end).forEach(t -> days.get(day(t))[0]++);
        times("wechat_user", "subscribed_at", start, end).forEach(t -> days.get(day(t))[1]++);
        // an unfollow in the period by someone who scanned a quote code in the 7 days before it
        jdbc
                .sql("""
                select distinct u.openid, u.unsubscribed_at from wechat_user u join quote q on q.owner_openid = u.openid
                where u.subscribed = false and u.unsubscribed_at >= :from and u.unsubscribed_at < :to
                  and q.updated_at <= u.unsubscribed_at and q.updated_at >= :windowStart
                """)
                .param("from", SqlTime.param(start))
                .param("to", SqlTime.param(end))
                .param("windowStart", SqlTime.param(start.minus(UNFOLLOW_WINDOW)))
                .query((rs, n) -> new Object[] {rs.getString("openid"), SqlTime.read(rs, "unsubscribed_at")})
                .list()
                .stream()
                .filter(row -> scannedWithinWindow((String) row[0], (Instant) row[1]))
                .forEach(row -> days.get(day((Instant) row[1]))[2]++);
        List<Day> dayList = new ArrayList<>();
        days.forEach((d, c) -> dayList.add(new Day(d, c[0], c[1], c[2])));
        return new Figures(from, to, funnel, dayList);
    }

    /** The instants in {@code table.column} from {@code start} (inclusive) to {@code end}; both names are constants. */
    private List<Instant> times(String table, String column, Instant start, Instant end) {
        return jdbc.sql("select " + column + " from " + table + " where " + column + " >= :from and " + column
                        + " < :to")
                .param("from", SqlTime.param(start))
                .param("to", SqlTime.param(end))
                .query((rs, n) -> SqlTime.read(rs, column))
                .list();
    }

    private boolean scannedWithinWindow(String openid, Instant unfollowedAt) {
        return jdbc.sql("""
                select count(*) from quote where owner_openid = :openid and updated_at <= :at and updated_at >= :since
                """)
                        .param("openid", openid)
                        .param("at", SqlTime.param(unfollowedAt))
                        .param("since", SqlTime.param(unfollowedAt.minus(UNFOLLOW_WINDOW)))
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, zone);
    }
}
