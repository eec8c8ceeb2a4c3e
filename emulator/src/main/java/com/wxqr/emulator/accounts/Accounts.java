package com.wxqr.emulator.accounts;

import com.wxqr.emulator.EmulatorSettings;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.http.ControlException;
import com.wxqr.emulator.http.RandomIds;
import com.wxqr.emulator.http.WeChatError;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The accounts and their access tokens (docs/PROTOCOL.md#access-tokens). Tokens of {@code /cgi-bin/token} and of
 * {@code /cgi-bin/stable_token} are two isolated chains per account; issuing a token in a chain leaves
 * the previous one valid for the grace period and ends every older one. Thread-safe.
 */
public final class Accounts {

    private static final Pattern APPID = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");
    private static final Pattern AES_KEY = Pattern.compile("[A-Za-z0-9]{43}");

    /** An access token as the token endpoints hand it out. */
    public record IssuedToken(String value, String appId, Instant expiresAt) {}

    /** An issued token and the end of its use, which comes before its expiry once the token is superseded. */
    private static final class Live {
        final IssuedToken token;
        volatile Instant validUntil;

        Live(IssuedToken token) {
            this.token = token;
            this.validUntil = token.expiresAt();
        }

        boolean usableAt(Instant now) {
            return now.isBefore(token.expiresAt()) && now.isBefore(validUntil);
        }

        void endNoLaterThan(Instant t) {
            if (t.isBefore(validUntil)) {
                validUntil = t;
            }
        }
    }

    /** One chain of tokens (basic or stable) of one account. Guarded by the account registry lock. */
    private static final class Chain {
        final List<Live> live = new ArrayList<>();
        Live current;
        Instant lastForced;
    }

    private final EmulatorSettings settings;
    private final Clock clock;
    private final DailyQuotas quotas;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Live> tokens = new ConcurrentHashMap<>();
    private final Map<String, Chain> basicChains = new ConcurrentHashMap<>();
    private final Map<String, Chain> stableChains = new ConcurrentHashMap<>();

    public Accounts(EmulatorSettings settings, Clock clock, DailyQuotas quotas) {
        this.settings = settings;
        this.clock = clock;
        this.quotas = quotas;
    }

    /** Creates an account; {@link ControlException} 400 for a malformed field, 409 for a taken AppID. */
    public Account create(NewAccount spec) {
        String appId = spec.appId() == null ? "wx" + RandomIds.hex(16) : spec.appId();
        if (!APPID.matcher(appId).matches()) {
            throw new ControlException(400, "appId must be 1 to 64 letters, digits or underscores");
        }
        String originalId = spec.originalId() == null ? "gh_" + RandomIds.hex(12) : spec.originalId();
        if (originalId.isBlank()) {
            throw new ControlException(400, "originalId must not be blank");
        }
        String name = spec.name() == null || spec.name().isBlank() ? "测试公众号" : spec.name();
        Account account = new Account(resolved(new NewAccount(
                appId,
                spec.secret() == null ? RandomIds.hex(32) : spec.secret(),
                spec.token(),
                spec.encodingAesKey(),
                spec.callbackUrl(),
                spec.mode(),
                originalId,
                name,
                spec.oauthDomain())));
        if (accounts.putIfAbsent(appId, account) != null) {
            throw new ControlException(409, "an account with appId " + appId + " exists already");
        }
        return account;
    }

    /** Replaces the callback configuration; null fields keep their value, AppID, original ID and name never change. */
    public Account reconfigure(String appId, NewAccount spec) {
        Account account = require(appId);
        NewAccount old = account.settings();
        account.settings(resolved(new NewAccount(
                old.appId(),
                spec.secret() == null ? old.secret() : spec.secret(),
                spec.token() == null ? old.token() : spec.token(),
                spec.encodingAesKey() == null ? old.encodingAesKey() : spec.encodingAesKey(),
                spec.callbackUrl() == null ? old.callbackUrl() : spec.callbackUrl(),
                spec.mode() == null ? old.mode() : spec.mode(),
                old.originalId(),
                old.name(),
                spec.oauthDomain() == null ? old.oauthDomain() : spec.oauthDomain())));
        return account;
    }

    /** Checks the callback configuration and fills in what is generated; AppID, secret, original ID and name are set. */
    private static NewAccount resolved(NewAccount s) {
        if (s.secret().isBlank()) {
            throw new ControlException(400, "secret must not be blank");
        }
        String t = s.token() == null ? RandomIds.alnum(32) : s.token();
        if (!TOKEN.matcher(t).matches()) {
            throw new ControlException(400, "token must be 3 to 32 letters or digits");
        }
        String m = s.mode() == null ? "plain" : s.mode().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("plain", "compatible", "safe").contains(m)) {
            throw new ControlException(400, "mode must be plain, compatible or safe");
        }
        String key = s.encodingAesKey();
        if (key == null && !m.equals("plain")) {
            key = RandomIds.alnum(43);
        }
        if (key != null && !AES_KEY.matcher(key).matches()) {
            throw new ControlException(400, "encodingAesKey must be exactly 43 letters or digits");
        }
        String callbackUrl = s.callbackUrl();
        if (callbackUrl != null && !callbackUrl.isBlank()) {
            try {
                URI u = URI.create(callbackUrl);
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new ControlException(400, "callbackUrl must be an absolute http(s) URL");
            }
        }
        String oauthDomain = s.oauthDomain();
        return s.withToken(t)
                .withMode(m)
                .withEncodingAesKey(key)
                .withCallbackUrl(callbackUrl == null || callbackUrl.isBlank() ? null : callbackUrl)
                .withOauthDomain(oauthDomain == null || oauthDomain.isBlank() ? null : oauthDomain);
    }

    public Account find(String appId) {
        return appId == null ? null : accounts.get(appId);
    }

    /** The account; {@link ControlException} 404 when unknown. */
    public Account require(String appId) {
        return ControlException.requireFound(find(appId), "no account with appId " + appId);
    }

    public List<Account> all() {
        return accounts.values().stream()
                .sorted(java.util.Comparator.comparing(Account::appId))
                .toList();
    }

    /** Checks appid and secret as the token endpoints do: 41002, 40013, 41004, 40125. */
    public Account authenticate(String appId, String secret) {
        if (appId == null || appId.isEmpty()) {
            throw WeChatError.of(41002);
        }
        Account account = accounts.get(appId);
        if (account == null) {
            throw WeChatError.of(40013);
        }
        if (secret == null || secret.isEmpty()) {
            throw WeChatError.of(41004);
        }
        if (!java.security.MessageDigest.isEqual(
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                account.settings().secret().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw WeChatError.of(40125);
        }
        return account;
    }

    /** {@code /cgi-bin/token}: a new token each call; the previous one keeps the grace period. */
    public IssuedToken issueToken(Account account) {
        synchronized (this) {
            quotas.consume(account.appId(), "token", settings.tokenDailyQuota());
            return issue(
                    account,
                    basicChains.computeIfAbsent(account.appId(), k -> new Chain()),
                    false,
                    settings.tokenGrace());
        }
    }

    /** {@code /cgi-bin/stable_token} (docs/PROTOCOL.md#stable-access-tokens). */
    public IssuedToken stableToken(Account account, boolean forceRefresh) {
        synchronized (this) {
            quotas.consume(account.appId(), "stable_token", settings.stableTokenDailyQuota());
            Instant now = clock.instant();
            Chain chain = stableChains.computeIfAbsent(account.appId(), k -> new Chain());
            Live current = chain.current;
            boolean currentUsable = current != null && current.usableAt(now);
            if (forceRefresh) {
                boolean tooSoon = chain.lastForced != null
                        && Duration.between(chain.lastForced, now).compareTo(settings.forceRefreshMinInterval()) < 0;
                if (tooSoon && currentUsable) {
                    return current.token; // "否则不会刷新": no refresh, the current token
                }
                quotas.consume(account.appId(), "stable_token_force", settings.forceRefreshDailyLimit());
                chain.lastForced = now;
                return issue(account, chain, true, settings.tokenGrace());
            }
            if (currentUsable
                    && Duration.between(now, current.token.expiresAt()).compareTo(settings.tokenGrace()) > 0) {
                return current.token;
            }
            return issue(account, chain, true, settings.tokenGrace());
        }
    }

    private IssuedToken issue(Account account, Chain chain, boolean stable, Duration grace) {
        Instant now = clock.instant();
        prune(chain, now);
        for (Live old : chain.live) {
            old.endNoLaterThan(old == chain.current ? now.plus(grace) : now);
        }
        String value = (stable ? "91_" : "89_")
                + Base64.getUrlEncoder().withoutPadding().encodeToString(RandomIds.bytes(96));
        Live token = new Live(new IssuedToken(value, account.appId(), now.plus(settings.tokenLifetime())));
        chain.live.add(token);
        chain.current = token;
        tokens.put(value, token);
        return token.token;
    }

    /** Forgets tokens dead for more than a day (their callers then get 40001 instead of 42001). */
    private void prune(Chain chain, Instant now) {
        chain.live.removeIf(t -> {
            boolean gone = now.isAfter(t.token.expiresAt().plus(Duration.ofDays(1)))
                    || (now.isAfter(t.validUntil.plus(Duration.ofDays(1))));
            if (gone) {
                tokens.remove(t.token.value());
            }
            return gone;
        });
    }

    /** Ends the current basic token of the account after {@code grace}, as a fetch by another server would. */
    public void invalidateCurrentToken(String appId, Duration grace) {
        Account account = require(appId);
        synchronized (this) {
            Chain chain = basicChains.computeIfAbsent(account.appId(), k -> new Chain());
            Instant end = clock.instant().plus(grace);
            for (Live t : chain.live) {
                t.endNoLaterThan(end);
            }
        }
    }

    /**
     * The account an access token belongs to: 41001 when missing, 40001 (or 40014, a setting) when never
     * issued, 42001 when past its lifetime, 40001 when superseded and past the grace period.
     */
    public Account requireToken(String accessToken) {
        if (accessToken == null || accessToken.isEmpty()) {
            throw WeChatError.of(41001);
        }
        Live live = tokens.get(accessToken);
        if (live == null) {
            throw WeChatError.of(settings.unknownTokenErrcode());
        }
        Instant now = clock.instant();
        if (!now.isBefore(live.token.expiresAt())) {
            throw WeChatError.of(42001);
        }
        if (!now.isBefore(live.validUntil)) {
            throw WeChatError.of(40001);
        }
        return accounts.get(live.token.appId());
    }

    public DailyQuotas quotas() {
        return quotas;
    }
}
