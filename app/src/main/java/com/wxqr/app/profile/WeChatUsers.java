package com.wxqr.app.profile;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.wxqr.app.system.SqlTime;

/**
 * The WeChat users the account has met ({@code wechat_user}): follows and unfollows as pushed,
 * and the nickname and avatar learnt through web authorization. Openids stay on the server.
 */
@Repository
public class WeChatUsers {
    private final JdbcClient jdbc;

    WeChatUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A user's public face: what the quote page shows. Either part may be null when unknown. */
    public record Profile(String nickname, String avatarUrl) {
        public boolean isKnown() {
            return nickname != null;
        }
    }

    /** Records that {@code openid} follows the account (a subscribe, or a scan which implies it). */
    public void recordFollow(String openid, Instant now, boolean newFollow) {
        int updated = jdbc.sql(newFollow
                        ? "update wechat_user set subscribed = true, subscribed_at = :now where openid = :openid"
                        : "update wechat_user set subscribed = true where openid = :openid")
                .param("now", SqlTime.param(now))
                .param("openid", openid)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into wechat_user (openid, subscribed, subscribed_at) values (:openid, true, :now)")
                    .param("openid", openid)
                    .param("now", SqlTime.param(newFollow ? now : null))
                    .update();
        }
    }

    public void recordUnfollow(String openid, Instant now) {
        int updated = jdbc.sql("update wechat_user set subscribed = false, unsubscribed_at = :now where openid = :openid")
                .param("now", SqlTime.param(now))
                .param("openid", openid)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into wechat_user (openid, subscribed, unsubscribed_at) values (:openid, false, :now)")
                    .param("openid", openid)
                    .param("now", SqlTime.param(now))
                    .update();
        }
    }

    public Profile profile(String openid) {
        return jdbc.sql("select nickname, avatar_url from wechat_user where openid = :openid")
                .param("openid", openid)
                .query((rs, n) -> new Profile(rs.getString("nickname"), rs.getString("avatar_url")))
                .optional()
                .orElse(new Profile(null, null));
    }

    /** Stores what web authorization told us about {@code openid}. */
    public void updateProfile(String openid, String nickname, String avatarUrl, Instant now) {
        int updated = jdbc.sql("""
                update wechat_user set nickname = :nickname, avatar_url = :avatar, profile_updated_at = :now
                where openid = :openid
                """)
                .param("nickname", nickname)
                .param("avatar", avatarUrl)
                .param("now", SqlTime.param(now))
                .param("openid", openid)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into wechat_user (openid, subscribed, nickname, avatar_url, profile_updated_at)
                    values (:openid, false, :nickname, :avatar, :now)
                    """)
                    .param("openid", openid)
                    .param("nickname", nickname)
                    .param("avatar", avatarUrl)
                    .param("now", SqlTime.param(now))
                    .update();
        }
    }
}
