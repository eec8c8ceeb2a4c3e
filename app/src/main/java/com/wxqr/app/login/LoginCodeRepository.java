package com.wxqr.app.login;

import com.wxqr.app.system.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SQL for the {@code login_code} table. Every change of a code's state is one guarded update
 * ({@code where … is null}), so of two concurrent scans, confirmations or approvals exactly one
 * wins, on H2 and PostgreSQL alike.
 */
@Component
class LoginCodeRepository {
    private static final int MAX_USER_AGENT = 512;

    private final JdbcClient jdbc;

    LoginCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(LoginCode code, String browserHash, String ticket) {
        String ua = code.userAgent();
        jdbc.sql("""
                insert into login_code (scene_str, purpose, browser_hash, requested_by, ticket, url, expires_at, created_at,
                                        user_agent, requested_from)
                values (:scene, :purpose, :browser, :requestedBy, :ticket, :url, :expires, :created, :ua, :from)
                """)
                .param("scene", code.sceneStr())
                .param("purpose", code.purpose().name())
                .param("browser", browserHash)
                .param("requestedBy", code.requestedBy())
                .param("ticket", ticket)
                .param("url", code.url())
                .param("expires", SqlTime.param(code.expiresAt()))
                .param("created", SqlTime.param(code.createdAt()))
                .param("ua", ua == null || ua.length() <= MAX_USER_AGENT ? ua : ua.substring(0, MAX_USER_AGENT))
                .param("from", code.requestedFrom())
                .update();
    }

    Optional<LoginCode> byScene(String scene) {
        return jdbc.sql("select * from login_code where scene_str = :scene")
                .param("scene", scene)
                .query((rs, n) -> code(rs))
                .optional();
    }

    /** The latest code shown to the browser holding the key with this hash. */
    Optional<LoginCode> latestFor(String browserHash) {
        return jdbc.sql("""
                select * from login_code where browser_hash = :browser
                order by created_at desc fetch first 1 rows only
                """)
                .param("browser", browserHash)
                .query((rs, n) -> code(rs))
                .optional();
    }

    /** Records the first scan of the code; false when someone scanned it before. */
    boolean claimScan(String scene, String openid, Instant now) {
        return jdbc.sql("""
                update login_code set openid = :openid, scanned_at = :now
                where scene_str = :scene and openid is null and outcome is null
                """)
                        .param("openid", openid)
                        .param("now", SqlTime.param(now))
                        .param("scene", scene)
                        .update()
                == 1;
    }

    /** Records a scan refused at once (not an admin, setup done). */
    void refuseScan(String scene, String openid, Instant now) {
        jdbc.sql("""
                update login_code set openid = :openid, outcome = 'REFUSED', scanned_at = :now, decided_at = :now
                where scene_str = :scene and openid is null and outcome is null
                """)
                .param("openid", openid)
                .param("now", SqlTime.param(now))
                .param("scene", scene)
                .update();
    }

    /** Gives the scanned, undecided code a new web-authorization state (replacing an unused one). */
    boolean startAuthorization(String scene, String state) {
        return jdbc.sql("""
                update login_code set oauth_state = :state
                where scene_str = :scene and openid is not null and outcome is null
                """).param("state", state).param("scene", scene).update() == 1;
    }

    /** Uses up {@code state} (whatever the code exchange then gives): the code it was issued for, once. */
    Optional<LoginCode> takeAuthorization(String state) {
        Optional<LoginCode> code = jdbc.sql("select * from login_code where oauth_state = :state")
                .param("state", state)
                .query((rs, n) -> code(rs))
                .optional();
        if (code.isEmpty()
                || jdbc.sql(
                                        "update login_code set oauth_state = null where oauth_state = :state and scene_str = :scene")
                                .param("state", state)
                                .param("scene", code.get().sceneStr())
                                .update()
                        != 1) {
            return Optional.empty();
        }
        return code;
    }

    /** Binds the confirmation page's token (its hash) to the undecided code, after the reader proved to be the scanner. */
    void bindPhone(String scene, String tokenHash) {
        jdbc.sql("update login_code set phone_hash = :hash where scene_str = :scene and outcome is null")
                .param("hash", tokenHash)
                .param("scene", scene)
                .update();
    }

    /** Whether {@code tokenHash} is the bound token of the undecided code. */
    boolean phoneBound(String scene, String tokenHash) {
        return jdbc.sql("""
                select count(*) from login_code
                where scene_str = :scene and phone_hash = :hash and outcome is null and openid is not null
                """)
                        .param("scene", scene)
                        .param("hash", tokenHash)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * Decides the code with the phone's token, once: false when the token is not the bound one, the
     * code was decided before or it expired at {@code now}. The token is used up either way.
     */
    boolean decideByPhone(String scene, String tokenHash, LoginCode.Outcome outcome, Instant now) {
        return jdbc.sql("""
                update login_code set outcome = :outcome, decided_at = :now, phone_hash = null
                where scene_str = :scene and phone_hash = :hash and outcome is null and openid is not null
                  and expires_at > :now
                """)
                        .param("outcome", outcome.name())
                        .param("now", SqlTime.param(now))
                        .param("scene", scene)
                        .param("hash", tokenHash)
                        .update()
                == 1;
    }

    /** Turns a confirmed code into a refused one (the approval said no at confirmation). */
    void refuseConfirmed(String scene) {
        jdbc.sql("update login_code set outcome = 'REFUSED' where scene_str = :scene and outcome = 'ACCEPTED'")
                .param("scene", scene)
                .update();
    }

    /** Invitations by {@code inviter} scanned since {@code since} and not yet decided, oldest first. */
    List<LoginCode> pendingInvitations(String inviter, Instant since) {
        return jdbc.sql("""
                select * from login_code
                where purpose = 'INVITE' and requested_by = :inviter and openid is not null and outcome is null
                  and scanned_at > :since
                order by scanned_at
                """)
                .param("inviter", inviter)
                .param("since", SqlTime.param(since))
                .query((rs, n) -> code(rs))
                .list();
    }

    /** Decides {@code inviter}'s scanned invitation once; false when decided before, not theirs or too old. */
    boolean decideInvitation(String scene, String inviter, LoginCode.Outcome outcome, Instant since, Instant now) {
        return jdbc.sql("""
                update login_code set outcome = :outcome, decided_at = :now
                where scene_str = :scene and purpose = 'INVITE' and requested_by = :inviter
                  and openid is not null and outcome is null and scanned_at > :since
                """)
                        .param("outcome", outcome.name())
                        .param("now", SqlTime.param(now))
                        .param("scene", scene)
                        .param("inviter", inviter)
                        .param("since", SqlTime.param(since))
                        .update()
                == 1;
    }

    /** Marks an accepted code used; false when it was used before (by this or another instance). */
    boolean use(String scene, Instant now) {
        return jdbc.sql("""
                update login_code set used_at = :now
                where scene_str = :scene and outcome = 'ACCEPTED' and used_at is null
                """)
                        .param("now", SqlTime.param(now))
                        .param("scene", scene)
                        .update()
                == 1;
    }

    int deleteCreatedBefore(Instant cutoff) {
        return jdbc.sql("delete from login_code where created_at < :cutoff")
                .param("cutoff", SqlTime.param(cutoff))
                .update();
    }

    private static LoginCode code(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        return new LoginCode(
                rs.getString("scene_str"),
                LoginCode.Purpose.valueOf(rs.getString("purpose")),
                rs.getString("requested_by"),
                rs.getString("url"),
                SqlTime.read(rs, "expires_at"),
                SqlTime.read(rs, "created_at"),
                rs.getString("openid"),
                outcome == null ? null : LoginCode.Outcome.valueOf(outcome),
                SqlTime.read(rs, "used_at"),
                rs.getString("user_agent"),
                rs.getString("requested_from"),
                SqlTime.read(rs, "scanned_at"));
    }
}
