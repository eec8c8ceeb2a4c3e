package com.wxqr.app.admin;

import com.wxqr.app.system.SqlTime;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What admins did (who, what, when): {@code admin_audit}. */
@Component
public class Audit {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    Audit(JdbcClient jdbc, Clock clock, ZoneId zone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
    }

    /** One entry; {@code actor} is the admin's nickname when known, else their admin number. */
    record Entry(LocalDateTime at, String actor, String action, String detail) {}

    /** Records that {@code actorOpenid} did {@code action} (a key of {@code audit.<action>}). */
    public void record(String actorOpenid, String action, String detail) {
        jdbc.sql("insert into admin_audit (at, actor_openid, action, detail) values (:at, :actor, :action, :detail)")
                .param("at", SqlTime.param(clock.instant()))
                .param("actor", actorOpenid)
                .param("action", action)
                .param("detail", detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500))
                .update();
    }

    List<Entry> latest(int limit, int offset) {
        return jdbc.sql("""
                select e.at, e.action, e.detail, u.nickname, a.id as admin_id
                from admin_audit e left join wechat_user u on u.openid = e.actor_openid
                left join admin_user a on a.openid = e.actor_openid
                order by e.at desc, e.id desc offset :offset rows fetch next :limit rows only
                """)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, n) -> {
                    String nickname = rs.getString("nickname");
                    long adminId = rs.getLong("admin_id");
                    String actor = nickname != null ? nickname : rs.wasNull() ? "已移除的管理员" : "管理员 #" + adminId;
                    return new Entry(
                            LocalDateTime.ofInstant(SqlTime.read(rs, "at"), zone),
                            actor,
                            rs.getString("action"),
                            rs.getString("detail"));
                })
                .list();
    }

    int count() {
        return jdbc.sql("select count(*) from admin_audit").query(Integer.class).single();
    }
}
