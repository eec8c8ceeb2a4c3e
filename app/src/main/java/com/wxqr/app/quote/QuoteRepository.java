package com.wxqr.app.quote;

import com.wxqr.app.system.SqlTime;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL for the {@code quote} and {@code quote_line} tables. */
@Component
class QuoteRepository {
    private final JdbcClient jdbc;

    QuoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new quote and its lines; {@code source} is where its visitor came from (null: 直接访问). */
    void insert(Quote quote, String source) {
        jdbc.sql("""
                insert into quote (public_id, usable_area, building_area, layout, grade, total, market_total, saving,
                                   source, created_at, status, updated_at)
                values (:id, :usable, :building, :layout, :grade, :total, :market, :saving,
                        :source, :now, 'WAITING', :now)
                """)
                .param("id", quote.publicId())
                .param("usable", quote.usableArea())
                .param("building", quote.buildingArea())
                .param("layout", quote.layout().code())
                .param("grade", quote.grade())
                .param("total", quote.total())
                .param("market", quote.marketTotal())
                .param("saving", quote.saving())
                .param("source", source)
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

    /** The quotes {@code openid} owns with their lines, newest first, at most {@code limit}, in one query. */
    List<Quote> ownedBy(String openid, int limit) {
        return jdbc.sql("""
                select q.public_id, q.usable_area, q.building_area, q.layout, q.grade, q.total, q.market_total, q.saving,
                       q.created_at, l.work_type, l.rate, l.market_rate, l.amount, l.market_amount
                from (select * from quote where owner_openid = :openid order by created_at desc, public_id limit :limit) q
                left join quote_line l on l.quote_id = q.public_id
                order by q.created_at desc, q.public_id, l.position
                """).param("openid", openid).param("limit", limit).query(QuoteRepository::quotes);
    }

    /** The quote with its lines, in one query. */
    Optional<Quote> find(String publicId) {
        return jdbc.sql("""
                select q.public_id, q.usable_area, q.building_area, q.layout, q.grade, q.total, q.market_total, q.saving,
                       q.created_at, l.work_type, l.rate, l.market_rate, l.amount, l.market_amount
                from quote q left join quote_line l on l.quote_id = q.public_id
                where q.public_id = :id order by l.position
                """).param("id", publicId).query(QuoteRepository::quotes).stream()
                .findFirst();
    }

    /** Quotes from rows of a quote joined with its lines, each quote's rows together. */
    private static List<Quote> quotes(ResultSet rs) throws SQLException {
        List<Quote> quotes = new ArrayList<>();
        boolean more = rs.next();
        while (more) {
            String id = rs.getString("public_id");
            BigDecimal usable = rs.getBigDecimal("usable_area");
            BigDecimal building = rs.getBigDecimal("building_area");
            Layout layout = Layout.fromCode(rs.getString("layout")).orElseThrow();
            String grade = rs.getString("grade");
            BigDecimal total = rs.getBigDecimal("total");
            BigDecimal market = rs.getBigDecimal("market_total");
            BigDecimal saving = rs.getBigDecimal("saving");
            Instant createdAt = SqlTime.read(rs, "created_at");
            List<QuoteLine> lines = new ArrayList<>();
            do {
                if (rs.getString("work_type") != null) {
                    lines.add(new QuoteLine(
                            rs.getString("work_type"),
                            rs.getBigDecimal("rate"),
                            rs.getBigDecimal("market_rate"),
                            rs.getBigDecimal("amount"),
                            rs.getBigDecimal("market_amount")));
                }
                more = rs.next();
            } while (more && id.equals(rs.getString("public_id")));
            quotes.add(new Quote(id, usable, building, layout, grade, lines, total, market, saving, createdAt));
        }
        return quotes;
    }

    Optional<Progress> progress(String publicId) {
        return jdbc.sql(
                        "select status, owner_openid, scanned_as, failure_reason, updated_at from quote where public_id = :id")
                .param("id", publicId)
                .query((rs, n) -> progress(rs))
                .optional();
    }

    private static Progress progress(ResultSet rs) throws SQLException {
        String scannedAs = rs.getString("scanned_as");
        return new Progress(
                Progress.Stage.valueOf(rs.getString("status")),
                rs.getString("owner_openid"),
                scannedAs == null ? null : Progress.ScannedAs.valueOf(scannedAs),
                rs.getString("failure_reason"),
                SqlTime.read(rs, "updated_at"));
    }

    /**
     * Records a scan by {@code openid} and moves the quote to {@code stage}, in one statement, if
     * the quote has no owner yet (the scanner becomes it) or {@code openid} already owns it; true
     * when it did, false when someone else owns the quote (nothing changed then).
     */
    boolean claim(String publicId, String openid, Progress.ScannedAs scannedAs, Progress.Stage stage, Instant now) {
        return jdbc.sql("""
                update quote set owner_openid = :openid, status = :stage, scanned_as = :scannedAs,
                                 failure_reason = null, updated_at = :now
                where public_id = :id and (owner_openid is null or owner_openid = :openid)
                """)
                        .param("openid", openid)
                        .param("stage", stage.name())
                        .param("scannedAs", scannedAs.name())
                        .param("now", SqlTime.param(now))
                        .param("id", publicId)
                        .update()
                == 1;
    }

    void updateStage(
            String publicId, Progress.Stage stage, Progress.ScannedAs scannedAs, String failureReason, Instant now) {
        jdbc.sql("""
                update quote set status = :stage, scanned_as = coalesce(:scannedAs, scanned_as),
                                 failure_reason = :reason, updated_at = :now
                where public_id = :id
                """)
                .param("stage", stage.name())
                .param("scannedAs", scannedAs == null ? null : scannedAs.name())
                .param(
                        "reason",
                        failureReason == null || failureReason.length() <= 500
                                ? failureReason
                                : failureReason.substring(0, 499) + "…") // the column's width
                .param("now", SqlTime.param(now))
                .param("id", publicId)
                .update();
    }
}
