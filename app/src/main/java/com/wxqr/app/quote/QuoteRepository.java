package com.wxqr.app.quote;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.wxqr.app.system.SqlTime;

/** SQL for the {@code quote} and {@code quote_line} tables. */
@Repository
class QuoteRepository {
    private final JdbcClient jdbc;

    QuoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Quote quote) {
        jdbc.sql("""
                insert into quote (public_id, usable_area, building_area, layout, grade, total, market_total, saving,
                                   created_at, status, updated_at)
                values (:id, :usable, :building, :layout, :grade, :total, :market, :saving, :now, 'WAITING', :now)
                """)
                .param("id", quote.publicId())
                .param("usable", quote.usableArea())
                .param("building", quote.buildingArea())
                .param("layout", quote.layout().code())
                .param("grade", quote.grade())
                .param("total", quote.total())
                .param("market", quote.marketTotal())
                .param("saving", quote.saving())
                .param("now", SqlTime.param(quote.createdAt()))
                .update();
        int position = 0;
        for (QuoteLine line : quote.lines()) {
            jdbc.sql("""
                    insert into quote_line (quote_id, position, work_type, rate, market_rate, amount, market_amount)
                    values (:id, :position, :work, :rate, :marketRate, :amount, :marketAmount)
                    """)
                    .param("id", quote.publicId())
                    .param("position", position++)
                    .param("work", line.workType())
                    .param("rate", line.rate())
                    .param("marketRate", line.marketRate())
                    .param("amount", line.amount())
                    .param("marketAmount", line.marketAmount())
                    .update();
        }
    }

    Optional<Quote> find(String publicId) {
        List<QuoteLine> lines = jdbc.sql("""
                select work_type, rate, market_rate, amount, market_amount from quote_line
                where quote_id = :id order by position
                """)
                .param("id", publicId)
                .query((rs, n) -> new QuoteLine(rs.getString("work_type"), rs.getBigDecimal("rate"),
                        rs.getBigDecimal("market_rate"), rs.getBigDecimal("amount"), rs.getBigDecimal("market_amount")))
                .list();
        return jdbc.sql("select * from quote where public_id = :id")
                .param("id", publicId)
                .query((rs, n) -> new Quote(rs.getString("public_id"), rs.getBigDecimal("usable_area"),
                        rs.getBigDecimal("building_area"), Layout.fromCode(rs.getString("layout")).orElseThrow(),
                        rs.getString("grade"), lines, rs.getBigDecimal("total"), rs.getBigDecimal("market_total"),
                        rs.getBigDecimal("saving"), SqlTime.read(rs, "created_at")))
                .optional();
    }

    Optional<Progress> progress(String publicId) {
        return jdbc.sql("select status, owner_openid, scanned_as, failure_reason, updated_at from quote where public_id = :id")
                .param("id", publicId)
                .query((rs, n) -> progress(rs))
                .optional();
    }

    private static Progress progress(ResultSet rs) throws SQLException {
        String scannedAs = rs.getString("scanned_as");
        return new Progress(Progress.Stage.valueOf(rs.getString("status")), rs.getString("owner_openid"),
                scannedAs == null ? null : Progress.ScannedAs.valueOf(scannedAs), rs.getString("failure_reason"),
                SqlTime.read(rs, "updated_at"));
    }

    /** Sets the owner if there is none yet; true when this call set it. */
    boolean claimIfUnowned(String publicId, String openid, Instant now) {
        return jdbc.sql("""
                update quote set owner_openid = :openid, updated_at = :now
                where public_id = :id and owner_openid is null
                """)
                .param("openid", openid)
                .param("now", SqlTime.param(now))
                .param("id", publicId)
                .update() == 1;
    }

    void updateStage(String publicId, Progress.Stage stage, Progress.ScannedAs scannedAs, String failureReason,
            Instant now) {
        jdbc.sql("""
                update quote set status = :stage, scanned_as = coalesce(:scannedAs, scanned_as),
                                 failure_reason = :reason, updated_at = :now
                where public_id = :id
                """)
                .param("stage", stage.name())
                .param("scannedAs", scannedAs == null ? null : scannedAs.name())
                .param("reason", failureReason)
                .param("now", SqlTime.param(now))
                .param("id", publicId)
                .update();
    }
}
