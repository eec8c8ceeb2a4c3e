package com.wxqr.mp.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A basic access_token of an Official Account and the instant it stops being valid.
 *
 * <p>The value is a credential: {@link #toString()} masks it, so a token can be logged or put in an
 * exception message without leaking. Two tokens are equal when value and expiry are equal.
 *
 * @param value the token as WeChat issued it; never blank
 * @param expiresAt when WeChat stops accepting it
 */
public record AccessToken(String value, Instant expiresAt) {

    /** How long before expiry a token is treated as stale unless configured otherwise: 5 minutes. */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);

    /**
     * @throws IllegalArgumentException if value is null or blank
     * @throws NullPointerException if expiresAt is null
     */
    public AccessToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("value must not be blank");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Whether the token can still be handed out at {@code now}: more than {@code margin} remains
     * before it expires.
     */
    public boolean isFreshAt(Instant now, Duration margin) {
        return now.plus(margin).isBefore(expiresAt);
    }

    /** Shows the first four characters of the value at most, never the whole token. */
    @Override
    public String toString() {
        return "AccessToken[value=" + mask(value) + ", expiresAt=" + expiresAt + "]";
    }

    static String mask(String secret) {
        if (secret.length() <= 12) {
            return "****";
        }
        return secret.substring(0, 4) + "****(" + secret.length() + " chars)";
    }
}
