package com.wxqr.emulator.http;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers in the shapes WeChat uses. Thread-safe. */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String OPENID_CHARS = ALNUM + "-_";

    private RandomIds() {}

    public static String hex(int chars) {
        byte[] b = new byte[(chars + 1) / 2];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b).substring(0, chars);
    }

    public static String alnum(int chars) {
        return from(ALNUM, chars);
    }

    /** Characters of {@code [A-Za-z0-9_-]}, as in openids. */
    public static String urlSafe(int chars) {
        return from(OPENID_CHARS, chars);
    }

    public static String digits(int chars) {
        StringBuilder sb = new StringBuilder(chars);
        sb.append((char) ('1' + RANDOM.nextInt(9)));
        for (int i = 1; i < chars; i++) {
            sb.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return sb.toString();
    }

    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    public static long positiveLong() {
        return RANDOM.nextLong() & Long.MAX_VALUE;
    }

    private static String from(String alphabet, int chars) {
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
