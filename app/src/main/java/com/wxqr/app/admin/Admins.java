package com.wxqr.app.admin;

import com.wxqr.app.system.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The allow list of admins ({@code admin_user}) and the setup codes that make the first one: a
 * setup code works for {@link #SETUP_CODE_LIFE} and only while it is the newest.
 */
@Component
class Admins {
    static final Duration SETUP_CODE_LIFE = Duration.ofHours(1);

    /** What became of a removal. */
    enum Removal {
        REMOVED,
        /** No such admin (removed before), or the remover is no admin any more. */
        GONE,
        /** Admins do not remove themselves. */
        SELF,
        /** The last admin is never removed. */
        LAST
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;
    private final TransactionTemplate transactions;

    Admins(JdbcClient jdbc, Clock clock, ZoneId zone, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
        this.transactions = transactions;
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

    /**
     * Whether {@code codeHash} is a setup code that still works: no admin exists yet, and it is the
     * newest code, printed less than an hour ago.
     */
    boolean setupCodeValid(String codeHash) {
        return !any() && newestSetupCode().filter(codeHash::equals).isPresent();
    }

    /** The hash of the newest setup code still within its hour. */
    Optional<String> newestSetupCode() {
        return jdbc.sql("""
                select code_hash from admin_setup_code where created_at > :since
                order by created_at desc fetch first 1 rows only
                """)
                .param("since", SqlTime.param(clock.instant().minus(SETUP_CODE_LIFE)))
                .query(String.class)
                .optional();
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

    /**
     * Removes admin {@code id} on behalf of admin {@code by}, in a transaction of its own that first
     * locks every admin row ({@code for update}): two removals at once run one after the other, and
     * the second sees the first's effect, so the last admin is never removed.
     */
    Removal remove(long id, String by) {
        return transactions.execute(s -> {
            record Row(long id, String openid) {}
            List<Row> all = jdbc.sql("select id, openid from admin_user order by id for update")
                    .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("openid")))
                    .list();
            Row target = all.stream().filter(r -> r.id() == id).findFirst().orElse(null);
            if (target == null || all.stream().noneMatch(r -> r.openid().equals(by))) {
                return Removal.GONE;
            }
            if (target.openid().equals(by)) {
                return Removal.SELF;
            }
            if (all.size() <= 1) {
                return Removal.LAST;
            }
            jdbc.sql("delete from admin_user where id = :id").param("id", id).update();
            return Removal.REMOVED;
        });
    }
}
