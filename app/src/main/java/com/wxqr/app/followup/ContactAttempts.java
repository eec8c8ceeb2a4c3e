package com.wxqr.app.followup;

import com.wxqr.app.system.SqlTime;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every 联系客户 attempt on a lead with WeChat's answer (table {@code contact_attempt}). */
@Component
class ContactAttempts {
    private static final int MAX_CONTENT = 600;
    private static final int MAX_ERRMSG = 300;

    private final JdbcClient jdbc;

    ContactAttempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What was tried and how WeChat answered: errcode 0 delivered. */
    record Attempt(Instant at, String kind, String content, int errcode, String errmsg) {
        boolean delivered() {
            return errcode == 0;
        }
    }

    void record(String quoteId, String openid, String actor, Attempt a) {
        jdbc.sql("insert into contact_attempt (quote_id, openid, actor_openid, kind, content, errcode, errmsg, at)"
                        + " values (:quote, :openid, :actor, :kind, :content, :errcode, :errmsg, :at)")
                .param("quote", quoteId)
                .param("openid", openid)
                .param("actor", actor)
                .param("kind", a.kind())
                .param("content", cut(a.content(), MAX_CONTENT))
                .param("errcode", a.errcode())
                .param("errmsg", cut(a.errmsg(), MAX_ERRMSG))
                .param("at", SqlTime.param(a.at()))
                .update();
    }

    /** The lead's attempts, newest first. */
    List<Attempt> of(String quoteId) {
        return jdbc.sql("select at, kind, content, errcode, errmsg from contact_attempt where quote_id = :quote"
                        + " order by at desc, id desc")
                .param("quote", quoteId)
                .query((rs, n) -> new Attempt(
                        SqlTime.read(rs, "at"),
                        rs.getString("kind"),
                        rs.getString("content"),
                        rs.getInt("errcode"),
                        rs.getString("errmsg")))
                .list();
    }

    /** Customer-service messages delivered to the user since {@code since} (counted against the window's quota). */
    int deliveredSince(String openid, Instant since) {
        return jdbc.sql("select count(*) from contact_attempt where openid = :openid and errcode = 0"
                        + " and kind <> 'notification' and at >= :since")
                .param("openid", openid)
                .param("since", SqlTime.param(since))
                .query(Integer.class)
                .single();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
