package com.wxqr.app.login;

import com.wxqr.app.retention.Prunable;
import com.wxqr.app.system.SqlTime;
import com.wxqr.app.system.UnguessableId;
import com.wxqr.app.web.PublicUrl;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Logged-in browsers, kept in the database ({@code web_session}) so that any instance serves them:
 * the browser holds a random token in an HttpOnly, SameSite=Lax cookie (Secure when the public URL
 * is https), the table only the token's SHA-256. A session ends when it expires
 * ({@code wxqr.login.session-timeout}) or the browser logs out. No {@code HttpSession}.
 */
@Service
public class Sessions implements Prunable {
    public static final String COOKIE = "wxqr_session";

    private final JdbcClient jdbc;
    private final LoginProperties properties;
    private final PublicUrl publicUrl;
    private final Clock clock;

    Sessions(JdbcClient jdbc, LoginProperties properties, PublicUrl publicUrl, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Starts a session for {@code openid} and sets its cookie on {@code response}. */
    void start(String openid, HttpServletResponse response) {
        String token = UnguessableId.next();
        Instant now = clock.instant();
        jdbc.sql(
                        "insert into web_session (token_hash, openid, created_at, expires_at) values (:hash, :openid, :now, :expires)")
                .param("hash", UnguessableId.hash(token))
                .param("openid", openid)
                .param("now", SqlTime.param(now))
                .param("expires", SqlTime.param(now.plus(properties.sessionTimeout())))
                .update();
        setCookie(response, COOKIE, token, properties.sessionTimeout());
    }

    /** The openid of the browser's valid session, if it has one. */
    public Optional<String> openid(HttpServletRequest request) {
        return cookie(request, COOKIE)
                .flatMap(token -> jdbc.sql(
                                "select openid from web_session where token_hash = :hash and expires_at > :now")
                        .param("hash", UnguessableId.hash(token))
                        .param("now", SqlTime.param(clock.instant()))
                        .query(String.class)
                        .optional());
    }

    /** Ends the browser's session (if any) and clears its cookie. */
    public void end(HttpServletRequest request, HttpServletResponse response) {
        cookie(request, COOKIE)
                .ifPresent(token -> jdbc.sql("delete from web_session where token_hash = :hash")
                        .param("hash", UnguessableId.hash(token))
                        .update());
        setCookie(response, COOKIE, "", Duration.ZERO);
    }

    /** Ends every session of {@code openid} (e.g. an admin removed). */
    public int endAll(String openid) {
        return jdbc.sql("delete from web_session where openid = :openid")
                .param("openid", openid)
                .update();
    }

    @Override
    public String what() {
        return "expired sessions";
    }

    /** Forgets the sessions expired at {@code now}. */
    @Override
    public int prune(Instant now) {
        return jdbc.sql("delete from web_session where expires_at < :now")
                .param("now", SqlTime.param(now))
                .update();
    }

    void setCookie(HttpServletResponse response, String name, String value, Duration maxAge) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, publicUrl.cookie(name, value, maxAge).toString());
    }

    static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (name.equals(c.getName()) && !c.getValue().isBlank()) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }
}
