package com.wxqr.emulator.users;

import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.http.ControlException;
import com.wxqr.emulator.http.RandomIds;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The simulated users of every account, by openid and by avatar id. Thread-safe. */
public final class Users {

    private static final String[] NICKNAMES = {"小明", "小红", "阿强", "丽丽", "大伟", "晓燕", "老王", "思思", "浩然", "欣怡"};

    /** The nickname of the virtual profile a snapshot page gets. */
    public static final String VIRTUAL_NICKNAME = "微信用户";
    /** The avatar id of the grey default avatar of virtual profiles (no user has it). */
    public static final String VIRTUAL_AVATAR_ID = "default";

    private final Map<String, User> byOpenid = new ConcurrentHashMap<>();
    private final Map<String, User> byAvatar = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();

    /**
     * Creates a user of the account. The openid is 28 characters: {@code o}, the account's 5-character
     * prefix and 22 random characters of {@code [A-Za-z0-9_-]}.
     *
     * @param avatarBaseUrl base of the emulator-served avatar, e.g. {@code http://localhost:1234/mmopen/}
     */
    public User create(Account account, String nickname, String headimgurl, String avatarBaseUrl) {
        long n = created.incrementAndGet();
        String name =
                nickname == null || nickname.isBlank() ? NICKNAMES[(int) (n % NICKNAMES.length)] + n : nickname.strip();
        if (name.length() > 64) {
            throw new ControlException(400, "nickname must be at most 64 characters");
        }
        String avatarId = RandomIds.alnum(24);
        String avatar = headimgurl == null || headimgurl.isBlank() ? avatarBaseUrl + avatarId + "/132" : headimgurl;
        User user;
        do {
            String openid = "o" + account.openidPrefix() + RandomIds.urlSafe(22);
            user = new User(n, openid, account.appId(), new User.Profile(name, avatarId, avatar));
        } while (byOpenid.putIfAbsent(user.openid(), user) != null);
        byAvatar.put(avatarId, user);
        return user;
    }

    /**
     * Changes the user's nickname (null keeps it) and, with {@code newAvatar}, gives them a new avatar served here:
     * the old avatar URL answers 404 from then on, as WeChat's does once a user changes their avatar.
     */
    public synchronized void changeProfile(User user, String nickname, boolean newAvatar, String avatarBaseUrl) {
        User.Profile old = user.profile();
        String name = nickname == null ? old.nickname() : nickname.strip();
        if (name.isEmpty() || name.length() > 64) {
            throw new ControlException(400, "nickname must be 1 to 64 characters");
        }
        String avatarId = old.avatarId();
        String headimgurl = old.headimgurl();
        if (newAvatar) {
            byAvatar.remove(avatarId);
            avatarId = RandomIds.alnum(24);
            headimgurl = avatarBaseUrl + avatarId + "/132";
            byAvatar.put(avatarId, user);
        }
        user.profile(new User.Profile(name, avatarId, headimgurl));
    }

    public User find(String openid) {
        return openid == null ? null : byOpenid.get(openid);
    }

    /** The user; {@link ControlException} 404 when unknown. */
    public User require(String openid) {
        return ControlException.requireFound(find(openid), "no user with openid " + openid);
    }

    public User byAvatarId(String avatarId) {
        return byAvatar.get(avatarId);
    }

    /** Users of an account (all accounts when null), oldest first. */
    public List<User> list(String appId) {
        return byOpenid.values().stream()
                .filter(u -> appId == null || u.appId().equals(appId))
                .sorted(Comparator.comparingLong(User::seq))
                .toList();
    }
}
