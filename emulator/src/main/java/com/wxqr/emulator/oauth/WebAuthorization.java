package com.wxqr.emulator.oauth;

import com.wxqr.emulator.EmulatorSettings;
import com.wxqr.emulator.http.RandomIds;
import com.wxqr.emulator.http.WeChatError;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Codes (single use, short-lived), web access tokens and refresh tokens. Thread-safe.
 */
public final class WebAuthorization {

    /**
     * What a code, web token or refresh token stands for. A snapshot grant (快照页) carries a virtual openid that
     * belongs to no user, and {@code /sns/userinfo} answers a virtual profile for it.
     */
    public record Grant(String appId, String openid, String scope, boolean snapshot) {}

    private static final class Code {
        final Grant grant;
        final Instant expiresAt;
        boolean used;

        Code(Grant grant, Instant expiresAt) {
            this.grant = grant;
            this.expiresAt = expiresAt;
        }
    }

    private record Timed(Grant grant, Instant expiresAt) {}

    /** A web access token as answered by the token endpoints. */
    public record WebToken(String accessToken, long expiresIn, String refreshToken, Grant grant) {}

    private final EmulatorSettings settings;
    private final Clock clock;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Timed> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Timed> refreshTokens = new ConcurrentHashMap<>();

    public WebAuthorization(EmulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public String issueCode(String appId, String openid, String scope) {
        return issue(new Grant(appId, openid, scope, false));
    }

    /**
     * A code issued on a snapshot page: its exchange answers {@code is_snapshotuser: 1} and a virtual openid, new
     * for each authorization, shaped like the account's openids.
     */
    public String issueSnapshotCode(String appId, String openidPrefix, String scope) {
        return issue(new Grant(appId, "o" + openidPrefix + RandomIds.urlSafe(22), scope, true));
    }

    private String issue(Grant grant) {
        Instant now = clock.instant();
        if (codes.size() > 10_000) {
            codes.values().removeIf(c -> now.isAfter(c.expiresAt.plusSeconds(3600)));
        }
        String code = "0" + RandomIds.alnum(31);
        codes.put(code, new Code(grant, now.plus(settings.oauthCodeLifetime())));
        return code;
    }

    /** Exchanges a code once: 40029 unknown or another account's, 40163 used, 40029/42003 expired. */
    public WebToken exchange(String appId, String code) {
        Code c = codes.get(code);
        if (c == null || !c.grant.appId().equals(appId)) {
            throw WeChatError.of(40029);
        }
        synchronized (c) {
            if (c.used) {
                throw WeChatError.of(40163);
            }
            if (!clock.instant().isBefore(c.expiresAt)) {
                throw WeChatError.of(settings.expiredCodeErrcode());
            }
            c.used = true;
        }
        String refresh = RandomIds.urlSafe(86);
        refreshTokens.put(refresh, new Timed(c.grant, clock.instant().plus(settings.refreshTokenLifetime())));
        return newAccessToken(c.grant, refresh);
    }

    /** A new web access token for a refresh token: 40030 unknown or another account's, 42002 expired. */
    public WebToken refresh(String appId, String refreshToken) {
        Timed t = refreshToken == null ? null : refreshTokens.get(refreshToken);
        if (t == null || !t.grant.appId().equals(appId)) {
            throw WeChatError.of(40030);
        }
        if (!clock.instant().isBefore(t.expiresAt)) {
            throw WeChatError.of(42002);
        }
        return newAccessToken(t.grant, refreshToken);
    }

    private WebToken newAccessToken(Grant grant, String refresh) {
        if (accessTokens.size() > 100_000) {
            Instant now = clock.instant();
            accessTokens.values().removeIf(t -> now.isAfter(t.expiresAt));
            refreshTokens.values().removeIf(t -> now.isAfter(t.expiresAt));
        }
        String token = "89_" + RandomIds.urlSafe(110);
        accessTokens.put(token, new Timed(grant, clock.instant().plus(settings.snsTokenLifetime())));
        return new WebToken(token, settings.snsTokenLifetime().toSeconds(), refresh, grant);
    }

    /** The grant of a web access token: 41001 missing, 40001 unknown, 42001 expired. */
    public Grant requireAccessToken(String token) {
        if (token == null || token.isEmpty()) {
            throw WeChatError.of(41001);
        }
        Timed t = accessTokens.get(token);
        if (t == null) {
            throw WeChatError.of(40001);
        }
        if (!clock.instant().isBefore(t.expiresAt)) {
            throw WeChatError.of(42001);
        }
        return t.grant;
    }
}
