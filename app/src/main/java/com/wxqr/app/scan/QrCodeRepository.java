package com.wxqr.app.scan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.wxqr.app.system.SqlTime;

/** SQL for the {@code qr_code} table. */
@Repository
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
                order by created_at desc, expires_at desc
                fetch first 1 rows only
                """)
                .param("quote", publicId)
                .query((rs, n) -> code(rs))
                .optional();
    }

    private static QrCode code(ResultSet rs) throws SQLException {
        return new QrCode(rs.getString("scene_str"), rs.getString("quote_id"), rs.getString("ticket"),
                rs.getString("url"), SqlTime.read(rs, "expires_at"), SqlTime.read(rs, "created_at"));
    }
}
