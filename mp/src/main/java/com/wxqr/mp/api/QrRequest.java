package com.wxqr.mp.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What to ask {@code /cgi-bin/qrcode/create} for: a temporary or permanent parametric QR code with an
 * integer or string scene. Immutable; the factories check WeChat's limits, so a request that exists
 * is one WeChat accepts.
 *
 * <ul>
 *   <li>{@link #temporary(long, Duration)}: {@code QR_SCENE}
 *   <li>{@link #temporary(String, Duration)}: {@code QR_STR_SCENE}
 *   <li>{@link #permanent(int)}: {@code QR_LIMIT_SCENE}
 *   <li>{@link #permanent(String)}: {@code QR_LIMIT_STR_SCENE}
 * </ul>
 */
public final class QrRequest {

    /** Longest lifetime WeChat grants a temporary code: 30 days, in seconds. */
    public static final long MAX_EXPIRE_SECONDS = 2_592_000L;
    /** Highest scene id of a permanent code. */
    public static final int MAX_PERMANENT_SCENE_ID = 100_000;
    /** Longest scene string, in characters. */
    public static final int MAX_SCENE_STR_LENGTH = 64;

    private static final long MAX_UNSIGNED_32 = 0xFFFF_FFFFL;

    private final String actionName;
    private final Long sceneId;
    private final String sceneStr;
    private final Long expireSeconds;

    private QrRequest(String actionName, Long sceneId, String sceneStr, Long expireSeconds) {
        this.actionName = actionName;
        this.sceneId = sceneId;
        this.sceneStr = sceneStr;
        this.expireSeconds = expireSeconds;
    }

    /**
     * A temporary code with an integer scene ({@code QR_SCENE}).
     *
     * @param sceneId a non-zero unsigned 32-bit value, 1..4294967295 (scan events report it unsigned)
     * @param expiry the lifetime, whole seconds, 1 s..30 days
     * @throws IllegalArgumentException naming {@code scene_id} or {@code expire_seconds} when out of range
     */
    public static QrRequest temporary(long sceneId, Duration expiry) {
        if (sceneId < 1 || sceneId > MAX_UNSIGNED_32) {
            throw new IllegalArgumentException("scene_id of a temporary QR code must be a non-zero 32-bit value 1.."
                    + MAX_UNSIGNED_32 + ": " + sceneId);
        }
        return new QrRequest("QR_SCENE", sceneId, null, expireSeconds(expiry));
    }

    /**
     * A temporary code with a string scene ({@code QR_STR_SCENE}).
     *
     * @param sceneStr 1..64 characters
     * @param expiry the lifetime, whole seconds, 1 s..30 days
     * @throws IllegalArgumentException naming {@code scene_str} or {@code expire_seconds} when out of range
     */
    public static QrRequest temporary(String sceneStr, Duration expiry) {
        return new QrRequest("QR_STR_SCENE", null, checkSceneStr(sceneStr), expireSeconds(expiry));
    }

    /**
     * A permanent code with an integer scene ({@code QR_LIMIT_SCENE}).
     *
     * @param sceneId 1..100000
     * @throws IllegalArgumentException naming {@code scene_id} when out of range
     */
    public static QrRequest permanent(int sceneId) {
        if (sceneId < 1 || sceneId > MAX_PERMANENT_SCENE_ID) {
            throw new IllegalArgumentException(
                    "scene_id of a permanent QR code must be 1.." + MAX_PERMANENT_SCENE_ID + ": " + sceneId);
        }
        return new QrRequest("QR_LIMIT_SCENE", (long) sceneId, null, null);
    }

    /**
     * A permanent code with a string scene ({@code QR_LIMIT_STR_SCENE}).
     *
     * @param sceneStr 1..64 characters
     * @throws IllegalArgumentException naming {@code scene_str} when out of range
     */
    public static QrRequest permanent(String sceneStr) {
        return new QrRequest("QR_LIMIT_STR_SCENE", null, checkSceneStr(sceneStr), null);
    }

    /** {@code QR_SCENE}, {@code QR_STR_SCENE}, {@code QR_LIMIT_SCENE} or {@code QR_LIMIT_STR_SCENE}. */
    public String actionName() {
        return actionName;
    }

    /** Whether the code never expires. */
    public boolean isPermanent() {
        return expireSeconds == null;
    }

    /** The scene as scan and subscribe events will report it (without the {@code qrscene_} prefix). */
    public String scene() {
        return sceneStr != null ? sceneStr : Long.toString(sceneId);
    }

    /** The requested lifetime; empty for a permanent code. */
    public Optional<Duration> expiry() {
        return expireSeconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(expireSeconds));
    }

    Long sceneId() {
        return sceneId;
    }

    String sceneStr() {
        return sceneStr;
    }

    Long expireSeconds() {
        return expireSeconds;
    }

    private static String checkSceneStr(String sceneStr) {
        if (sceneStr == null || sceneStr.isEmpty() || sceneStr.length() > MAX_SCENE_STR_LENGTH) {
            throw new IllegalArgumentException("scene_str must be 1.." + MAX_SCENE_STR_LENGTH + " characters: "
                    + (sceneStr == null ? "null" : sceneStr.length() + " characters"));
        }
        return sceneStr;
    }

    private static long expireSeconds(Duration expiry) {
        Objects.requireNonNull(expiry, "expire_seconds (expiry) must not be null");
        long seconds = expiry.toSeconds();
        if (seconds < 1 || seconds > MAX_EXPIRE_SECONDS) {
            throw new IllegalArgumentException("expire_seconds must be 1.." + MAX_EXPIRE_SECONDS + ": " + expiry);
        }
        return seconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QrRequest other
                && actionName.equals(other.actionName)
                && Objects.equals(sceneId, other.sceneId)
                && Objects.equals(sceneStr, other.sceneStr)
                && Objects.equals(expireSeconds, other.expireSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actionName, sceneId, sceneStr, expireSeconds);
    }

    @Override
    public String toString() {
        return "QrRequest[" + actionName + " scene=" + scene()
                + (expireSeconds == null ? "" : " expire_seconds=" + expireSeconds) + "]";
    }
}
