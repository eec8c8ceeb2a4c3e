package com.wxqr.app.login;

import java.time.Instant;

/**
 * A login QR code ({@code QR_STR_SCENE}, scene {@code wxlogin_…}) shown to one browser.
 * {@code openid} and {@code outcome} are set by the scan; {@code usedAt} when the browser took its
 * session (at most once).
 */
public record LoginCode(
        String sceneStr,
        Purpose purpose,
        String requestedBy,
        String url,
        Instant expiresAt,
        Instant createdAt,
        String openid,
        Outcome outcome,
        Instant usedAt) {

    /** Scene prefix of login codes; quote scenes are random and channel scenes use their own. */
    public static final String SCENE_PREFIX = "wxlogin_";

    /** What a scan of the code does. */
    public enum Purpose {
        /** A visitor logs in to see 我的报价. */
        VISITOR,
        /** An admin logs in to the admin area (refused unless on the allow list). */
        ADMIN,
        /** The first admin, after the setup code was entered. */
        SETUP,
        /** An admin's invitation: whoever scans becomes an admin (no session for the showing browser). */
        INVITE
    }

    /** What the scan decided. */
    public enum Outcome {
        ACCEPTED,
        REFUSED
    }

    public boolean isValidAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
