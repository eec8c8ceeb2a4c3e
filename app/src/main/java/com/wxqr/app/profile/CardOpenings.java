package com.wxqr.app.profile;

import com.wxqr.app.system.SqlTime;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** When a quote's card was first opened inside WeChat ({@code quote_opened}): a stage of the lead. */
@Component
public class CardOpenings {
    private final JdbcClient jdbc;
    private final Clock clock;

    CardOpenings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the first opening; later ones change nothing (one statement, no read). */
    public void record(String publicId) {
        jdbc.sql("""
                insert into quote_opened (quote_id, opened_at)
                select cast(:id as varchar(32)), :now from quote q where q.public_id = :id
                  and not exists (select 1 from quote_opened o where o.quote_id = :id)
                """)
                .param("id", publicId)
                .param("now", SqlTime.param(clock.instant()))
                .update();
    }
}
