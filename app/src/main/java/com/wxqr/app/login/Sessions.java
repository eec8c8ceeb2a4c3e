package com.wxqr.app.login;

import com.wxqr.app.retention.Prunable;
import com.wxqr.app.system.SqlTime;
import com.wxqr.app.system.UnguessableId;
import com.wxqr.app.web.ClientAddress;
import com.wxqr.app.web.PublicUrl;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Logged-in browsers, kept in the database ({@code web_session}) so that any instance serves them:
 * the browser holds a random token in an HttpOnly, SameSite=Lax cookie (Secure when the public URL
 * is https), the table only the token's SHA-256, with the browser's User-Agent and address. A
 * session is a visitor's or an admin's ({@link Kind}: only an admin login opens {@code /admin}). It
 * ends when it expires ({@code wxqr.login.session-timeout}), after {@code wxqr.login.idle-timeout}
 * without a request, when the browser logs out, or when its owner signs out everywhere. No
 * {@code HttpSession}.
 */
@Service
public class Sessions implements Prunable {
    public static final String COOKIE = "wxqr_session";
    /** A session's last request is written down at most this often (not on every request). */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final int MAX_USER_AGENT = 512;

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

    /** What logged the session in: the visitors' login page or the admin area's (admin login, setup). */
    public enum Kind {
        VISITOR,
        ADMIN
    }

    /** One of an openid's sessions, as the admin area lists it; {@code current} is the asking browser's. */
    public record Entry(
            Instant createdAt, Instant lastSeenAt, Kind kind, BrowserName browser, String address, boolean current) {}

    /** Starts a session of {@code kind} for {@code openid} and sets its cookie on {@code response}. */
    void start(String openid, Kind kind, HttpServletRequest request, HttpServletResponse response) {
        String token = UnguessableId.next();
        Instant now = clock.instant();
        String ua = request.getHeader("User-Agent");
        jdbc.sql("""
                insert into web_session (token_hash, openid, created_at, expires_at, kind, last_seen_at, user_agent, address)
                values (:hash, :openid, :now, :expires, :kind, :now, :ua, :address)
                """)
                .param("hash", UnguessableId.hash(token))
                .param("openid", openid)
                .param("now", SqlTime.param(now))
                .param("expires", SqlTime.param(now.plus(properties.sessionTimeout())))
                .param("kind", kind.name())
                .param("ua", ua == null || ua.length() <= MAX_USER_AGENT ? ua : ua.substring(0, MAX_USER_AGENT))
                .param("address", ClientAddress.of(request))
                .update();
        setCookie(response, COOKIE, token, properties.sessionTimeout());
    }

    /** The openid of the browser's valid session of either kind, if it has one. */
    public Optional<String> openid(HttpServletRequest request) {
        return session(request).map(Live::openid);
    }

    /** The openid of the browser's valid admin session (an admin login), if it has one. */
    public Optional<String> adminOpenid(HttpServletRequest request) {
        return session(request).filter(s -> s.kind() == Kind.ADMIN).map(Live::openid);
    }

    private record Live(String openid, Kind kind) {}

    /** The valid, not idle session of the browser; notes the request (at most once a minute). */
    private Optional<Live> session(HttpServletRequest request) {
        Optional<String> token = cookie(request, COOKIE);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String hash = UnguessableId.hash(token.get());
        Instant now = clock.instant();
        record Row(String openid, Kind kind, Instant lastSeen) {}
        Optional<Row> row = jdbc.sql("""
                select openid, kind, coalesce(last_seen_at, created_at) as last_seen from web_session
                where token_hash = :hash and expires_at > :now
                """)
                .param("hash", hash)
                .param("now", SqlTime.param(now))
                .query((rs, n) -> new Row(
                        rs.getString("openid"), Kind.valueOf(rs.getString("kind")), SqlTime.read(rs, "last_seen")))
                .optional();
        if (row.isEmpty()
                || !row.get().lastSeen().plus(properties.idleTimeout()).isAfter(now)) {
            return Optional.empty();
        }
        if (row.get().lastSeen().plus(TOUCH_EVERY).isBefore(now)) {
            jdbc.sql("update web_session set last_seen_at = :now where token_hash = :hash")
                    .param("now", SqlTime.param(now))
                    .param("hash", hash)
                    .update();
        }
        return Optional.of(new Live(row.get().openid(), row.get().kind()));
    }

    /** The valid sessions of {@code openid}, newest first. */
    public List<Entry> of(String openid, HttpServletRequest request) {
        String mine = cookie(request, COOKIE).map(UnguessableId::hash).orElse("");
        Instant now = clock.instant();
        return jdbc.sql("""
                select token_hash, created_at, coalesce(last_seen_at, created_at) as last_seen, kind, user_agent, address
                from web_session
                where openid = :openid and expires_at > :now and coalesce(last_seen_at, created_at) > :idle
                order by created_at desc
                """)
                .param("openid", openid)
                .param("now", SqlTime.param(now))
                .param("idle", SqlTime.param(now.minus(properties.idleTimeout())))
                .query((rs, n) -> new Entry(
                        SqlTime.read(rs, "created_at"),
                        SqlTime.read(rs, "last_seen"),
                        Kind.valueOf(rs.getString("kind")),
                        BrowserName.of(rs.getString("user_agent")),
                        rs.getString("address"),
                        rs.getString("token_hash").equals(mine)))
                .list();
    }

    /** Ends the browser's session (if any) and clears its cookie. */
    public void end(HttpServletRequest request, HttpServletResponse response) {
        cookie(request, COOKIE)
                .ifPresent(token -> jdbc.sql("delete from web_session where token_hash = :hash")
                        .param("hash", UnguessableId.hash(token))
                        .update());
        setCookie(response, COOKIE, "", Duration.ZERO);
    }

    /** Ends every session of {@code openid} (an admin removed, or signing out everywhere). */
    public int endAll(String openid) {
        return jdbc.sql("delete from web_session where openid = :openid")
                .param("openid", openid)
                .update();
    }

    @Override
    public String what() {
        return "expired sessions";
    }

    /** Forgets the sessions expired, or idle for {@code wxqr.login.idle-timeout}, at {@code now}. */
    @Override
    public int prune(Instant now) {
        return jdbc.sql("delete from web_session where expires_at < :now or coalesce(last_seen_at, created_at) < :idle")
                .param("now", SqlTime.param(now))
                .param("idle", SqlTime.param(now.minus(properties.idleTimeout())))
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
