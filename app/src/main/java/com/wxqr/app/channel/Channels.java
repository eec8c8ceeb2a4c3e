package com.wxqr.app.channel;

import com.wxqr.app.admin.Leads;
import com.wxqr.app.system.SqlTime;
import com.wxqr.app.system.UnguessableId;
import com.wxqr.mp.api.QrRequest;
import com.wxqr.mp.api.QrTicket;
import com.wxqr.mp.api.WeChatClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;

/**
 * Channel codes: permanent {@code QR_LIMIT_STR_SCENE} codes (scene {@code wxch_…}) with a name and
 * a welcome text, for posters and flyers. A scan is recorded with whether it made a new follower,
 * and the scanner's later quotes count for the channel (see {@link Leads}).
 */
@Service
class Channels {
    static final String SCENE_PREFIX = "wxch_";
    static final int MAX_NAME = 40;
    static final int MAX_WELCOME = 600;

    private final JdbcClient jdbc;
    private final WeChatClient weChat;
    private final Leads leads;
    private final Clock clock;

    Channels(JdbcClient jdbc, WeChatClient weChat, Leads leads, Clock clock) {
        this.jdbc = jdbc;
        this.weChat = weChat;
        this.leads = leads;
        this.clock = clock;
    }

    record Channel(long id, String name, String welcomeText, String url, Instant createdAt) {}

    record WithCounts(Channel channel, int scans, int newFollowers, int quotes) {}

    boolean nameTaken(String name) {
        return jdbc.sql("select count(*) from channel where name = :name")
                        .param("name", name)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * Creates a channel code (calls WeChat; blocks until it answers).
     *
     * @throws com.wxqr.mp.api.WeChatException when WeChat does not issue the code; nothing is stored then
     */
    Channel create(String name, String welcomeText) {
        String scene = SCENE_PREFIX + UnguessableId.nextAlphanumeric();
        QrTicket ticket = weChat.createQrCode(QrRequest.permanent(scene));
        Instant now = clock.instant();
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into channel (name, welcome_text, scene_str, ticket, url, created_at)
                values (:name, :welcome, :scene, :ticket, :url, :now)
                """)
                .param("name", name)
                .param("welcome", welcomeText)
                .param("scene", scene)
                .param("ticket", ticket.ticket())
                .param("url", ticket.url())
                .param("now", SqlTime.param(now))
                .update(id, "id");
        return new Channel(id.getKeyAs(Long.class), name, welcomeText, ticket.url(), now);
    }

    Optional<Channel> byId(long id) {
        return jdbc.sql("select * from channel where id = :id")
                .param("id", id)
                .query((rs, n) -> channel(rs))
                .optional();
    }

    List<WithCounts> listWithCounts() {
        Map<String, Integer> quotes = leads.countByChannel();
        return jdbc.sql("""
                select c.*,
                       (select count(*) from channel_scan s where s.channel_id = c.id) as scans,
                       (select count(*) from channel_scan s where s.channel_id = c.id and s.new_follower = true) as followers
                from channel c order by c.created_at desc, c.id desc
                """)
                .query((rs, n) -> {
                    Channel c = channel(rs);
                    return new WithCounts(
                            c, rs.getInt("scans"), rs.getInt("followers"), quotes.getOrDefault(c.name(), 0));
                })
                .list();
    }

    /** Records a scan of a channel code in the push's transaction; the welcome text, or empty for an unknown scene. */
    Optional<String> scanned(String scene, String openid, boolean newFollower) {
        Optional<long[]> found = jdbc.sql("select id from channel where scene_str = :scene")
                .param("scene", scene)
                .query((rs, n) -> new long[] {rs.getLong("id")})
                .optional();
        found.ifPresent(id -> jdbc.sql("""
                insert into channel_scan (channel_id, openid, new_follower, scanned_at) values (:id, :openid, :new, :now)
                """)
                .param("id", id[0])
                .param("openid", openid)
                .param("new", newFollower)
                .param("now", SqlTime.param(clock.instant()))
                .update());
        return found.map(id -> jdbc.sql("select welcome_text from channel where id = :id")
                .param("id", id[0])
                .query(String.class)
                .single());
    }

    private static Channel channel(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Channel(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("welcome_text"),
                rs.getString("url"),
                SqlTime.read(rs, "created_at"));
    }
}
