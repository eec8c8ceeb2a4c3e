package com.wxqr.app.admin;

import com.wxqr.app.system.SqlTime;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The allow list of admins ({@code admin_user}) and the setup codes that make the first one. */
@Component
class Admins {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    Admins(JdbcClient jdbc, Clock clock, ZoneId zone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
    }

    /** One admin as the admin list shows it; nickname and avatar once known from web authorization. */
    record Admin(
            long id, String openid, LocalDateTime addedAt, String nickname, String avatarUrl, String addedByNickname) {}

    boolean isAdmin(String openid) {
        return jdbc.sql("select count(*) from admin_user where openid = :openid")
                        .param("openid", openid)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    boolean any() {
        return jdbc.sql("select count(*) from admin_user").query(Integer.class).single() > 0;
    }

    List<Admin> list() {
        return jdbc.sql("""
                select a.id, a.openid, a.added_at, u.nickname, u.avatar_url, b.nickname as added_by_nickname
                from admin_user a left join wechat_user u on u.openid = a.openid
                left join wechat_user b on b.openid = a.added_by
                order by a.added_at, a.id
                """)
                .query((rs, n) -> new Admin(
                        rs.getLong("id"),
                        rs.getString("openid"),
                        LocalDateTime.ofInstant(SqlTime.read(rs, "added_at"), zone),
                        rs.getString("nickname"),
                        rs.getString("avatar_url"),
                        rs.getString("added_by_nickname")))
                .list();
    }

    Optional<Admin> byId(long id) {
        return list().stream().filter(a -> a.id() == id).findFirst();
    }

    /** Stores the hash of a setup code printed at start. */
    void addSetupCode(String codeHash) {
        jdbc.sql("insert into admin_setup_code (code_hash, created_at) values (:hash, :now)")
                .param("hash", codeHash)
                .param("now", SqlTime.param(clock.instant()))
                .update();
    }

    /** Whether {@code codeHash} is a setup code that still works (no admin exists yet). */
    boolean setupCodeValid(String codeHash) {
        return !any()
                && jdbc.sql("select count(*) from admin_setup_code where code_hash = :hash")
                                .param("hash", codeHash)
                                .query(Integer.class)
                                .single()
                        > 0;
    }

    /**
     * Makes {@code openid} the first admin, using up every setup code, in the caller's transaction.
     * False when setup was done before: the delete finds no code (on PostgreSQL a concurrent
     * setup waits for the first to commit, then deletes nothing).
     */
    boolean makeFirst(String openid) {
        if (jdbc.sql("delete from admin_setup_code").update() == 0 || any()) {
            return false;
        }
        add(openid, null);
        return true;
    }

    /** Adds {@code openid} (false when already an admin). */
    boolean add(String openid, String addedBy) {
        if (isAdmin(openid)) {
            return false;
        }
        jdbc.sql("insert into admin_user (openid, added_at, added_by) values (:openid, :now, :by)")
                .param("openid", openid)
                .param("now", SqlTime.param(clock.instant()))
                .param("by", addedBy)
                .update();
        return true;
    }

    void remove(long id) {
        jdbc.sql("delete from admin_user where id = :id").param("id", id).update();
    }
}
