package com.wxqr.app.login;

import com.wxqr.app.system.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL for the {@code login_code} table. */
@Component
class LoginCodeRepository {
    private final JdbcClient jdbc;

    LoginCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(LoginCode code, String browserHash, String ticket) {
        jdbc.sql("""
                insert into login_code (scene_str, purpose, browser_hash, requested_by, ticket, url, expires_at, created_at)
                values (:scene, :purpose, :browser, :requestedBy, :ticket, :url, :expires, :created)
                """)
                .param("scene", code.sceneStr())
                .param("purpose", code.purpose().name())
                .param("browser", browserHash)
                .param("requestedBy", code.requestedBy())
                .param("ticket", ticket)
                .param("url", code.url())
                .param("expires", SqlTime.param(code.expiresAt()))
                .param("created", SqlTime.param(code.createdAt()))
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

    void recordScan(String scene, String openid, LoginCode.Outcome outcome, Instant now) {
        jdbc.sql(
                        "update login_code set openid = :openid, outcome = :outcome, scanned_at = :now where scene_str = :scene")
                .param("openid", openid)
                .param("outcome", outcome.name())
                .param("now", SqlTime.param(now))
                .param("scene", scene)
                .update();
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
                SqlTime.read(rs, "used_at"));
    }
}
