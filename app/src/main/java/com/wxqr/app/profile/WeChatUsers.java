package com.wxqr.app.profile;

import com.wxqr.app.system.SqlTime;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The WeChat users the account has met ({@code wechat_user}): follows and unfollows as pushed,
 * and the nickname and avatar learnt through web authorization. Openids stay on the server.
 */
@Component
public class WeChatUsers {
    private final JdbcClient jdbc;

    WeChatUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A user's public face: what the quote page shows. Any part may be null when unknown;
     * {@code avatarUrl} is WeChat's {@code headimgurl} at the time, {@code hasAvatar} whether our copy
     * of the image is stored.
     */
    public record Profile(String nickname, String avatarUrl, boolean hasAvatar, Instant updatedAt) {
        public static final Profile UNKNOWN = new Profile(null, null, false, null);

        public boolean isKnown() {
            return nickname != null;
        }

        /** Whether the profile is unknown or was learnt longer than {@code maxAge} before {@code now}. */
        public boolean needsRefresh(Instant now, java.time.Duration maxAge) {
            return !isKnown() || updatedAt == null || updatedAt.plus(maxAge).isBefore(now);
        }
    }

    /**
     * Records that {@code openid} follows the account (a subscribe, or a scan which implies it):
     * one statement, a {@code MERGE} that both H2 and PostgreSQL (15+) run. A scan by a follower
     * does not change when they followed. Two first pushes of one new user at the same instant may
     * make the later one fail with a {@code DuplicateKeyException}, as any insert of a new key.
     */
    public void recordFollow(String openid, Instant now, boolean newFollow) {
        JdbcClient.StatementSpec merge = jdbc.sql(newFollow ? """
                        merge into wechat_user u using (select cast(:openid as varchar(64)) as openid) v on u.openid = v.openid
                        when matched then update set subscribed = true, subscribed_at = :now
                        when not matched then insert (openid, subscribed, subscribed_at) values (v.openid, true, :now)
                        """ : """
                        merge into wechat_user u using (select cast(:openid as varchar(64)) as openid) v on u.openid = v.openid
                        when matched then update set subscribed = true
                        when not matched then insert (openid, subscribed) values (v.openid, true)
                        """).param("openid", openid);
        (newFollow ? merge.param("now", SqlTime.param(now)) : merge).update();
    }

    /** Records that {@code openid} unfollowed the account; one statement, as {@link #recordFollow}. */
    public void recordUnfollow(String openid, Instant now) {
        jdbc.sql("""
                merge into wechat_user u using (select cast(:openid as varchar(64)) as openid) v on u.openid = v.openid
                when matched then update set subscribed = false, unsubscribed_at = :now
                when not matched then insert (openid, subscribed, unsubscribed_at) values (v.openid, false, :now)
                """).param("openid", openid).param("now", SqlTime.param(now)).update();
    }

    public Profile profile(String openid) {
        return jdbc.sql("""
                select u.nickname, u.avatar_url, u.profile_updated_at, a.openid as avatar
                from wechat_user u left join wechat_avatar a on a.openid = u.openid where u.openid = :openid
                """)
                .param("openid", openid)
                .query((rs, n) -> new Profile(
                        rs.getString("nickname"),
                        rs.getString("avatar_url"),
                        rs.getString("avatar") != null,
                        SqlTime.read(rs, "profile_updated_at")))
                .optional()
                .orElse(Profile.UNKNOWN);
    }

    /** Our copy of the user's avatar image, or empty. */
    public Optional<AvatarCopier.Avatar> avatar(String openid) {
        return jdbc.sql("select content_type, image from wechat_avatar where openid = :openid")
                .param("openid", openid)
                .query((rs, n) -> new AvatarCopier.Avatar(rs.getString("content_type"), rs.getBytes("image")))
                .optional();
    }

    /** Replaces our copy of the user's avatar image. */
    public void storeAvatar(String openid, AvatarCopier.Avatar avatar, Instant now) {
        jdbc.sql("delete from wechat_avatar where openid = :openid")
                .param("openid", openid)
                .update();
        try {
            jdbc.sql(
                            "insert into wechat_avatar (openid, content_type, image, fetched_at) values (:openid, :type, :image, :now)")
                    .param("openid", openid)
                    .param("type", avatar.contentType())
                    .param("image", avatar.bytes())
                    .param("now", SqlTime.param(now))
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException concurrentCopy) {
            // the same owner authorized twice at once: the other copy is as fresh as this one
        }
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
