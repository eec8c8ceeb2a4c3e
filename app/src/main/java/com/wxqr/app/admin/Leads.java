package com.wxqr.app.admin;

import com.wxqr.app.system.SqlTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every quote as a lead: how far it got, where its visitor came from and who its WeChat user is.
 * The channel is the channel code its owner scanned last before the quote was made, else the
 * quote's own source (utm or referrer host), else 直接访问.
 */
@Component
public class Leads {
    static final String DIRECT = "直接访问";

    private final JdbcClient jdbc;

    Leads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stages a lead passes, in order; {@code number} is what the filter and the funnel use. */
    enum Stage {
        CREATED(1),
        QR_SHOWN(2),
        SCANNED(3),
        DELIVERED(4),
        CARD_OPENED(5),
        PROFILE_AUTHORIZED(6);

        private final int number;

        Stage(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

        public String messageKey() {
            return "admin.stage." + number();
        }

        static Stage of(int number) {
            return values()[number - 1];
        }
    }

    record Lead(
            String publicId,
            Instant createdAt,
            BigDecimal usableArea,
            String layout,
            String grade,
            BigDecimal total,
            String channel,
            Stage stage,
            String nickname,
            String avatarUrl,
            String scannedAs,
            boolean unfollowed) {}

    /** Which leads: created in [from, to), optionally of one stage and one channel. */
    record Filter(Instant from, Instant to, Stage stage, String channel) {}

    /** Every quote with its stage and channel, as a derived table that filters apply to. */
    static final String LEADS = """
            select q.public_id, q.created_at, q.usable_area, q.layout, q.grade, q.total, q.scanned_as, q.owner_openid,
                   q.updated_at, u.nickname, u.avatar_url, u.subscribed, u.unsubscribed_at,
                   case when q.owner_openid is not null and u.nickname is not null then 6
                        when o.quote_id is not null then 5
                        when q.status = 'DELIVERED' then 4
                        when q.owner_openid is not null then 3
                        when exists (select 1 from qr_code c where c.quote_id = q.public_id) then 2
                        else 1 end as stage,
                   coalesce((select ch.name from channel_scan s join channel ch on ch.id = s.channel_id
                             where s.openid = q.owner_openid and s.scanned_at <= q.created_at
                             order by s.scanned_at desc fetch first 1 rows only),
                            q.source, '直接访问') as channel
            from quote q
            left join wechat_user u on u.openid = q.owner_openid
            left join quote_opened o on o.quote_id = q.public_id
            """;

    List<Lead> find(Filter filter, int offset, int limit) {
        return where(
                        jdbc.sql(
                                "select * from (" + LEADS + ") l " + where(filter)
                                        + " order by l.created_at desc, l.public_id offset :offset rows fetch next :limit rows only"),
                        filter)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, n) -> {
                    Instant unfollowedAt = SqlTime.read(rs, "unsubscribed_at");
                    Instant scannedAt = SqlTime.read(rs, "updated_at");
                    boolean unfollowed = rs.getString("owner_openid") != null
                            && !rs.getBoolean("subscribed")
                            && unfollowedAt != null
                            && !unfollowedAt.isBefore(scannedAt);
                    return new Lead(
                            rs.getString("public_id"),
                            SqlTime.read(rs, "created_at"),
                            rs.getBigDecimal("usable_area"),
                            rs.getString("layout"),
                            rs.getString("grade"),
                            rs.getBigDecimal("total"),
                            rs.getString("channel"),
                            Stage.of(rs.getInt("stage")),
                            rs.getString("nickname"),
                            rs.getString("avatar_url"),
                            rs.getString("scanned_as"),
                            unfollowed);
                })
                .list();
    }

    int count(Filter filter) {
        return where(jdbc.sql("select count(*) from (" + LEADS + ") l " + where(filter)), filter)
                .query(Integer.class)
                .single();
    }

    /** How many quotes each channel has (channels without quotes are absent). */
    public java.util.Map<String, Integer> countByChannel() {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        jdbc.sql("select l.channel, count(*) as n from (" + LEADS + ") l group by l.channel")
                .query((rs, n) -> counts.put(rs.getString("channel"), rs.getInt("n")))
                .list();
        return counts;
    }

    /** The channels leads have, for the filter's choices. */
    List<String> channels() {
        return jdbc.sql("select distinct l.channel from (" + LEADS + ") l order by l.channel")
                .query(String.class)
                .list();
    }

    private static String where(Filter filter) {
        return "where l.created_at >= :from and l.created_at < :to"
                + (filter.stage() == null ? "" : " and l.stage = :stage")
                + (filter.channel() == null ? "" : " and l.channel = :channel");
    }

    private static JdbcClient.StatementSpec where(JdbcClient.StatementSpec spec, Filter filter) {
        spec = spec.param("from", SqlTime.param(filter.from())).param("to", SqlTime.param(filter.to()));
        if (filter.stage() != null) {
            spec = spec.param("stage", filter.stage().number());
        }
        if (filter.channel() != null) {
            spec = spec.param("channel", filter.channel());
        }
        return spec;
    }
}
