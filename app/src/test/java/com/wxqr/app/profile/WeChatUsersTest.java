package com.wxqr.app.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.DatabaseTest;
import com.wxqr.app.system.SqlTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Over the real migrations, on H2; {@link WeChatUsersIT} runs the same tests on PostgreSQL. */
class WeChatUsersTest extends DatabaseTest {
    final WeChatUsers users = new WeChatUsers(db.jdbc());

    java.util.Optional<Boolean> subscribed(String openid) {
        return db.jdbc()
                .sql("select subscribed from wechat_user where openid = :o")
                .param("o", openid)
                .query(Boolean.class)
                .optional();
    }

    @Test
    void followsAndUnfollowsAreRecorded() {
        assertThat(subscribed("oA")).isEmpty();
        users.recordFollow("oA", now, true);
        assertThat(subscribed("oA")).contains(true);
        users.recordUnfollow("oA", now.plusSeconds(5));
        assertThat(subscribed("oA")).contains(false);
        users.recordUnfollow("oB", now);
        assertThat(subscribed("oB")).contains(false);
        users.recordFollow("oB", now.plusSeconds(10), false); // a scan implies a follow, not when it began
        assertThat(subscribed("oB")).contains(true);
        users.recordFollow("oC", now, false);
        assertThat(subscribed("oC")).contains(true);
        assertThat(instants("oA")).containsExactly(now, now.plusSeconds(5));
        assertThat(instants("oB")).containsExactly(null, now);
        assertThat(instants("oC")).containsExactly(null, null);
        users.recordFollow("oA", now.plusSeconds(20), true);
        assertThat(instants("oA")).containsExactly(now.plusSeconds(20), now.plusSeconds(5));
    }

    /** subscribed_at, unsubscribed_at */
    List<Instant> instants(String openid) {
        return db.jdbc()
                .sql("select subscribed_at, unsubscribed_at from wechat_user where openid = :o")
                .param("o", openid)
                .query((rs, n) -> Arrays.asList(SqlTime.read(rs, "subscribed_at"), SqlTime.read(rs, "unsubscribed_at")))
                .single();
    }

    @Test
    void aProfileIsUnknownUntilLearntAndThenKept() {
        users.recordFollow("oA", now, true);
        assertThat(users.profile("oA").isKnown()).isFalse();
        users.updateProfile("oA", "小明<b>", "https://thirdwx.qlogo.cn/mmopen/x/132", now);
        assertThat(users.profile("oA"))
                .isEqualTo(new WeChatUsers.Profile("小明<b>", "https://thirdwx.qlogo.cn/mmopen/x/132", false, now));
        users.recordFollow("oA", now, false);
        assertThat(users.profile("oA").nickname()).isEqualTo("小明<b>");
        assertThat(users.profile("oA")
                        .needsRefresh(now.plus(java.time.Duration.ofDays(7)), java.time.Duration.ofDays(7)))
                .isFalse();
        assertThat(users.profile("oA")
                        .needsRefresh(now.plus(java.time.Duration.ofDays(8)), java.time.Duration.ofDays(7)))
                .isTrue();
    }

    @Test
    void anAvatarCopyIsStoredReplacedAndReadBack() {
        users.updateProfile("oB", "小红", "https://thirdwx.qlogo.cn/mmopen/y/132", now);
        assertThat(users.avatar("oB")).isEmpty();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xFF};
        users.storeAvatar("oB", new AvatarCopier.Avatar("image/png", png), now);
        assertThat(users.profile("oB").hasAvatar()).isTrue();
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 7};
        users.storeAvatar("oB", new AvatarCopier.Avatar("image/jpeg", jpeg), now);
        assertThat(users.avatar("oB")).hasValueSatisfying(a -> {
            assertThat(a.contentType()).isEqualTo("image/jpeg");
            assertThat(a.bytes()).isEqualTo(jpeg);
        });
    }
}
