package com.wxqr.app.scan;

import com.wxqr.app.system.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL for the {@code qr_code} table. */
@Component
class QrCodeRepository {
    private final JdbcClient jdbc;

    QrCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(QrCode code) {
        jdbc.sql("""
                insert into qr_code (scene_str, quote_id, ticket, url, expires_at, created_at)
                values (:scene, :quote, :ticket, :url, :expires, :created)
                """)
                .param("scene", code.sceneStr())
                .param("quote", code.quotePublicId())
                .param("ticket", code.ticket())
                .param("url", code.url())
                .param("expires", SqlTime.param(code.expiresAt()))
                .param("created", SqlTime.param(code.createdAt()))
                .update();
    }

    Optional<QrCode> byScene(String sceneStr) {
        return jdbc.sql("select * from qr_code where scene_str = :scene")
                .param("scene", sceneStr)
                .query((rs, n) -> code(rs))
                .optional();
    }

    /** The quote's most recently issued code. */
    Optional<QrCode> latestFor(String publicId) {
        return jdbc.sql("""
                select * from qr_code where quote_id = :quote
                order by created_at desc, expires_at desc, scene_str desc
                fetch first 1 rows only
                """).param("quote", publicId).query((rs, n) -> code(rs)).optional();
    }

    /**
     * Deletes the codes that expired before {@code before}, except each quote's latest one (the
     * one {@link #latestFor} returns); the number deleted.
     */
    int deleteExpiredBefore(Instant before) {
        return jdbc.sql("""
                delete from qr_code
                where expires_at < :before
                  and exists (select 1 from qr_code newer
                              where newer.quote_id = qr_code.quote_id
                                and (newer.created_at > qr_code.created_at
                                     or newer.created_at = qr_code.created_at and newer.expires_at > qr_code.expires_at
                                     or newer.created_at = qr_code.created_at and newer.expires_at = qr_code.expires_at
                                        and newer.scene_str > qr_code.scene_str))
                """).param("before", SqlTime.param(before)).update();
    }

    private static QrCode code(ResultSet rs) throws SQLException {
        return new QrCode(
                rs.getString("scene_str"),
                rs.getString("quote_id"),
                rs.getString("ticket"),
                rs.getString("url"),
                SqlTime.read(rs, "expires_at"),
                SqlTime.read(rs, "created_at"));
    }
}
