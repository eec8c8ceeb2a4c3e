package com.wxqr.app.system;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers that cannot be guessed or enumerated: 128 bits from a {@link SecureRandom}. */
public final class UnguessableId {
    private static final SecureRandom RANDOM = new SecureRandom();

    private UnguessableId() {}

    /** 22 URL-safe characters ({@code A-Z a-z 0-9 - _}) carrying 128 random bits. */
    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 32 alphanumeric characters carrying 128 random bits, for places that allow only a-zA-Z0-9. */
    public static String nextAlphanumeric() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        StringBuilder out = new StringBuilder(32);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }
}
