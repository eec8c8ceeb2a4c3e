package com.wxqr.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the emulator behaves where WeChat's behaviour is configurable or not confirmed
 * (docs/PROTOCOL.md#unconfirmed-behaviour). Defaults follow the documented reading; every value is validated in
 * {@link Builder#build()}.
 *
 * @param clock               base time source (the emulator adds its own forward-only offset)
 * @param bindHost            address the server listens on (default loopback {@code 127.0.0.1})
 * @param publicHost          host name in {@link WeChatEmulator#baseUrl()} (default {@code localhost}, so the
 *                            phone page and an app on localhost are one site for cookies)
 * @param threads             request-handling threads
 * @param tokenLifetime       lifetime of access tokens (7200 s)
 * @param tokenGrace          how long a superseded token keeps working (5 min); a token superseded twice dies
 * @param unknownTokenErrcode errcode for a token the emulator never issued: 40001 (default) or 40014
 *                            (docs/PROTOCOL.md#token-errors)
 * @param tokenDailyQuota     {@code /cgi-bin/token} calls per account and day (2000) before 45009
 * @param stableTokenDailyQuota {@code /cgi-bin/stable_token} calls per account and day (500000)
 * @param forceRefreshDailyLimit forced stable-token refreshes per day (20) before 45009
 * @param forceRefreshMinInterval forced refreshes closer than this (30 s) do not refresh
 * @param qrDefaultExpireSeconds expiry of temporary codes without {@code expire_seconds} (60; was 30)
 * @param qrMaxExpireSeconds  maximum expiry (2592000)
 * @param qrClampExpiry       above the maximum: clamp (true, default) or refuse with 40053 (false)
 * @param qrDailyQuota        {@code qrcode/create} calls per account and day (100000)
 * @param permanentQrLimit    permanent codes per account (100000) before 40053
 * @param permanentQrExpireSecondsZero answer permanent codes with {@code "expire_seconds":0} (true) or without the field (false, default)
 * @param tempSceneIdUnsigned temporary {@code scene_id} is a 32-bit unsigned value 1..4294967295 (true, default) or a non-zero signed int (false)
 * @param customSendDailyQuota {@code message/custom/send} calls per account and day (500000)
 * @param maxCustomNewsArticles articles allowed in one customer-service news message (1) before 45008
 * @param neverFollowedErrcode errcode of custom/send to a user who never followed nor wrote: 45015 (default) or 43004
 * @param stackWindows        whether a new interaction adds its quota to an open window of the same kind (false: it replaces it)
 * @param userInfoDailyQuota  {@code user/info} calls per account and day (5000000)
 * @param oauthCodeLifetime   web-authorization code lifetime (5 min)
 * @param expiredCodeErrcode  errcode for an expired code: 40029 (default) or 42003
 * @param snsTokenLifetime    web-authorization access token lifetime (7200 s)
 * @param refreshTokenLifetime web-authorization refresh token lifetime (30 days)
 * @param pushTimeout         how long WeChat waits for the answer to a push (5 s)
 * @param pushDeliveries      deliveries of one push in all, first one included (3: "总共重试三次" read as three attempts)
 * @param reuseTimestampNonce retries carry the first delivery's timestamp and nonce (true)
 * @param openidInPlainQuery  plaintext-mode pushes carry {@code openid} in the query (false: the official plaintext example has none)
 * @param pushContentType     Content-Type of XML pushes ({@code text/xml})
 * @param callLogCapacity     calls and pushes kept in the log (oldest dropped first)
 */
public record EmulatorSettings(
        Clock clock,
        String bindHost,
        String publicHost,
        int threads,
        Duration tokenLifetime,
        Duration tokenGrace,
        int unknownTokenErrcode,
        int tokenDailyQuota,
        int stableTokenDailyQuota,
        int forceRefreshDailyLimit,
        Duration forceRefreshMinInterval,
        int qrDefaultExpireSeconds,
        int qrMaxExpireSeconds,
        boolean qrClampExpiry,
        int qrDailyQuota,
        int permanentQrLimit,
        boolean permanentQrExpireSecondsZero,
        boolean tempSceneIdUnsigned,
        int customSendDailyQuota,
        int maxCustomNewsArticles,
        int neverFollowedErrcode,
        boolean stackWindows,
        int userInfoDailyQuota,
        Duration oauthCodeLifetime,
        int expiredCodeErrcode,
        Duration snsTokenLifetime,
        Duration refreshTokenLifetime,
        Duration pushTimeout,
        int pushDeliveries,
        boolean reuseTimestampNonce,
        boolean openidInPlainQuery,
        String pushContentType,
        int callLogCapacity) {

    public static EmulatorSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.clock = clock;
        b.bindHost = bindHost;
        b.publicHost = publicHost;
        b.threads = threads;
        b.tokenLifetime = tokenLifetime;
        b.tokenGrace = tokenGrace;
        b.unknownTokenErrcode = unknownTokenErrcode;
        b.tokenDailyQuota = tokenDailyQuota;
        b.stableTokenDailyQuota = stableTokenDailyQuota;
        b.forceRefreshDailyLimit = forceRefreshDailyLimit;
        b.forceRefreshMinInterval = forceRefreshMinInterval;
        b.qrDefaultExpireSeconds = qrDefaultExpireSeconds;
        b.qrMaxExpireSeconds = qrMaxExpireSeconds;
        b.qrClampExpiry = qrClampExpiry;
        b.qrDailyQuota = qrDailyQuota;
        b.permanentQrLimit = permanentQrLimit;
        b.permanentQrExpireSecondsZero = permanentQrExpireSecondsZero;
        b.tempSceneIdUnsigned = tempSceneIdUnsigned;
        b.customSendDailyQuota = customSendDailyQuota;
        b.maxCustomNewsArticles = maxCustomNewsArticles;
        b.neverFollowedErrcode = neverFollowedErrcode;
        b.stackWindows = stackWindows;
        b.userInfoDailyQuota = userInfoDailyQuota;
        b.oauthCodeLifetime = oauthCodeLifetime;
        b.expiredCodeErrcode = expiredCodeErrcode;
        b.snsTokenLifetime = snsTokenLifetime;
        b.refreshTokenLifetime = refreshTokenLifetime;
        b.pushTimeout = pushTimeout;
        b.pushDeliveries = pushDeliveries;
        b.reuseTimestampNonce = reuseTimestampNonce;
        b.openidInPlainQuery = openidInPlainQuery;
        b.pushContentType = pushContentType;
        b.callLogCapacity = callLogCapacity;
        return b;
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private String bindHost = "127.0.0.1";
        private String publicHost = "localhost";
        private int threads = 32;
        private Duration tokenLifetime = Duration.ofSeconds(7200);
        private Duration tokenGrace = Duration.ofMinutes(5);
        private int unknownTokenErrcode = 40001;
        private int tokenDailyQuota = 2000;
        private int stableTokenDailyQuota = 500_000;
        private int forceRefreshDailyLimit = 20;
        private Duration forceRefreshMinInterval = Duration.ofSeconds(30);
        private int qrDefaultExpireSeconds = 60;
        private int qrMaxExpireSeconds = 2_592_000;
        private boolean qrClampExpiry = true;
        private int qrDailyQuota = 100_000;
        private int permanentQrLimit = 100_000;
        private boolean permanentQrExpireSecondsZero = false;
        private boolean tempSceneIdUnsigned = true;
        private int customSendDailyQuota = 500_000;
        private int maxCustomNewsArticles = 1;
        private int neverFollowedErrcode = 45015;
        private boolean stackWindows = false;
        private int userInfoDailyQuota = 5_000_000;
        private Duration oauthCodeLifetime = Duration.ofMinutes(5);
        private int expiredCodeErrcode = 40029;
        private Duration snsTokenLifetime = Duration.ofSeconds(7200);
        private Duration refreshTokenLifetime = Duration.ofDays(30);
        private Duration pushTimeout = Duration.ofSeconds(5);
        private int pushDeliveries = 3;
        private boolean reuseTimestampNonce = true;
        private boolean openidInPlainQuery = false;
        private String pushContentType = "text/xml";
        private int callLogCapacity = 10_000;

        private Builder() {}

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        public Builder bindHost(String v) {
            bindHost = v;
            return this;
        }

        public Builder publicHost(String v) {
            publicHost = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder tokenLifetime(Duration v) {
            tokenLifetime = v;
            return this;
        }

        public Builder tokenGrace(Duration v) {
            tokenGrace = v;
            return this;
        }

        public Builder unknownTokenErrcode(int v) {
            unknownTokenErrcode = v;
            return this;
        }

        public Builder tokenDailyQuota(int v) {
            tokenDailyQuota = v;
            return this;
        }

        public Builder stableTokenDailyQuota(int v) {
            stableTokenDailyQuota = v;
            return this;
        }

        public Builder forceRefreshDailyLimit(int v) {
            forceRefreshDailyLimit = v;
            return this;
        }

        public Builder forceRefreshMinInterval(Duration v) {
            forceRefreshMinInterval = v;
            return this;
        }

        public Builder qrDefaultExpireSeconds(int v) {
            qrDefaultExpireSeconds = v;
            return this;
        }

        public Builder qrMaxExpireSeconds(int v) {
            qrMaxExpireSeconds = v;
            return this;
        }

        public Builder qrClampExpiry(boolean v) {
            qrClampExpiry = v;
            return this;
        }

        public Builder qrDailyQuota(int v) {
            qrDailyQuota = v;
            return this;
        }

        public Builder permanentQrLimit(int v) {
            permanentQrLimit = v;
            return this;
        }

        public Builder permanentQrExpireSecondsZero(boolean v) {
            permanentQrExpireSecondsZero = v;
            return this;
        }

        public Builder tempSceneIdUnsigned(boolean v) {
            tempSceneIdUnsigned = v;
            return this;
        }

        public Builder customSendDailyQuota(int v) {
            customSendDailyQuota = v;
            return this;
        }

        public Builder maxCustomNewsArticles(int v) {
            maxCustomNewsArticles = v;
            return this;
        }

        public Builder neverFollowedErrcode(int v) {
            neverFollowedErrcode = v;
            return this;
        }

        public Builder stackWindows(boolean v) {
            stackWindows = v;
            return this;
        }

        public Builder userInfoDailyQuota(int v) {
            userInfoDailyQuota = v;
            return this;
        }

        public Builder oauthCodeLifetime(Duration v) {
            oauthCodeLifetime = v;
            return this;
        }

        public Builder expiredCodeErrcode(int v) {
            expiredCodeErrcode = v;
            return this;
        }

        public Builder snsTokenLifetime(Duration v) {
            snsTokenLifetime = v;
            return this;
        }

        public Builder refreshTokenLifetime(Duration v) {
            refreshTokenLifetime = v;
            return this;
        }

        public Builder pushTimeout(Duration v) {
            pushTimeout = v;
            return this;
        }

        public Builder pushDeliveries(int v) {
            pushDeliveries = v;
            return this;
        }

        public Builder reuseTimestampNonce(boolean v) {
            reuseTimestampNonce = v;
            return this;
        }

        public Builder openidInPlainQuery(boolean v) {
            openidInPlainQuery = v;
            return this;
        }

        public Builder pushContentType(String v) {
            pushContentType = v;
            return this;
        }

        public Builder callLogCapacity(int v) {
            callLogCapacity = v;
            return this;
        }

        public EmulatorSettings build() {
            Objects.requireNonNull(clock, "clock == null");
            requireText(bindHost, "bindHost");
            requireText(publicHost, "publicHost");
            requireText(pushContentType, "pushContentType");
            requirePositive(threads, "threads");
            requirePositive(tokenLifetime, "tokenLifetime");
            requireNotNegative(tokenGrace, "tokenGrace");
            requireEither(unknownTokenErrcode, 40001, 40014, "unknownTokenErrcode");
            requirePositive(tokenDailyQuota, "tokenDailyQuota");
            requirePositive(stableTokenDailyQuota, "stableTokenDailyQuota");
            requirePositive(forceRefreshDailyLimit, "forceRefreshDailyLimit");
            requireNotNegative(forceRefreshMinInterval, "forceRefreshMinInterval");
            requirePositive(qrMaxExpireSeconds, "qrMaxExpireSeconds");
            if (qrDefaultExpireSeconds < 1 || qrDefaultExpireSeconds > qrMaxExpireSeconds) {
                throw new IllegalArgumentException(
                        "qrDefaultExpireSeconds must be 1.." + qrMaxExpireSeconds + ": " + qrDefaultExpireSeconds);
            }
            requirePositive(qrDailyQuota, "qrDailyQuota");
            requirePositive(permanentQrLimit, "permanentQrLimit");
            requirePositive(customSendDailyQuota, "customSendDailyQuota");
            requirePositive(maxCustomNewsArticles, "maxCustomNewsArticles");
            requireEither(neverFollowedErrcode, 45015, 43004, "neverFollowedErrcode");
            requirePositive(userInfoDailyQuota, "userInfoDailyQuota");
            requirePositive(oauthCodeLifetime, "oauthCodeLifetime");
            requireEither(expiredCodeErrcode, 40029, 42003, "expiredCodeErrcode");
            requirePositive(snsTokenLifetime, "snsTokenLifetime");
            requirePositive(refreshTokenLifetime, "refreshTokenLifetime");
            requirePositive(pushTimeout, "pushTimeout");
            requirePositive(pushDeliveries, "pushDeliveries");
            requirePositive(callLogCapacity, "callLogCapacity");
            return new EmulatorSettings(
                    clock,
                    bindHost,
                    publicHost,
                    threads,
                    tokenLifetime,
                    tokenGrace,
                    unknownTokenErrcode,
                    tokenDailyQuota,
                    stableTokenDailyQuota,
                    forceRefreshDailyLimit,
                    forceRefreshMinInterval,
                    qrDefaultExpireSeconds,
                    qrMaxExpireSeconds,
                    qrClampExpiry,
                    qrDailyQuota,
                    permanentQrLimit,
                    permanentQrExpireSecondsZero,
                    tempSceneIdUnsigned,
                    customSendDailyQuota,
                    maxCustomNewsArticles,
                    neverFollowedErrcode,
                    stackWindows,
                    userInfoDailyQuota,
                    oauthCodeLifetime,
                    expiredCodeErrcode,
                    snsTokenLifetime,
                    refreshTokenLifetime,
                    pushTimeout,
                    pushDeliveries,
                    reuseTimestampNonce,
                    openidInPlainQuery,
                    pushContentType,
                    callLogCapacity);
        }

        private static void requireText(String v, String name) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
        }

        /** For the errcodes where WeChat's documents disagree: one of the two readings, nothing else. */
        private static void requireEither(int v, int one, int other, String name) {
            if (v != one && v != other) {
                throw new IllegalArgumentException(name + " must be " + one + " or " + other + ": " + v);
            }
        }

        private static void requirePositive(int v, String name) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + v);
            }
        }

        private static void requirePositive(Duration v, String name) {
            Objects.requireNonNull(v, name + " == null");
            if (v.isZero() || v.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + v);
            }
        }

        private static void requireNotNegative(Duration v, String name) {
            Objects.requireNonNull(v, name + " == null");
            if (v.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + v);
            }
        }
    }
}
