package com.wxqr.app.login;

import com.wxqr.app.system.SqlTime;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The quotes a WeChat user owns (scanned first), newest first: 我的报价. */
@Component
class OwnedQuotes {
    private final JdbcClient jdbc;
    private final ZoneId zone;

    OwnedQuotes(JdbcClient jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    record Row(
            String publicId,
            LocalDateTime createdAt,
            BigDecimal usableArea,
            String layout,
            String grade,
            BigDecimal total) {}

    List<Row> of(String openid) {
        return jdbc.sql("""
                select public_id, created_at, usable_area, layout, grade, total from quote
                where owner_openid = :openid order by created_at desc, public_id
                """)
                .param("openid", openid)
                .query((rs, n) -> new Row(
                        rs.getString("public_id"),
                        LocalDateTime.ofInstant(SqlTime.read(rs, "created_at"), zone),
                        rs.getBigDecimal("usable_area"),
                        rs.getString("layout"),
                        rs.getString("grade"),
                        rs.getBigDecimal("total")))
                .list();
    }
}
