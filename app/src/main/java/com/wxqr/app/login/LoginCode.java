package com.wxqr.app.login;

import java.time.Instant;

/**
 * A login QR code ({@code QR_STR_SCENE}, scene {@code wxlogin_…}) shown to one browser, whose
 * {@code userAgent} and network address ({@code requestedFrom}) were recorded when it asked. The
 * first scan sets {@code openid} (no later scanner replaces it); the scanner's 确认登录 or 取消 on
 * their phone, or the inviter's decision for an invitation, sets {@code outcome}; {@code usedAt}
 * is set when the browser took its session (at most once).
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
        Instant usedAt,
        String userAgent,
        String requestedFrom,
        Instant scannedAt) {

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
        /**
         * An admin's invitation: the first scanner is named to the inviter, who approves them in
         * {@code /admin/admins} (no session for anyone).
         */
        INVITE
    }

    /** What was decided after the scan. */
    public enum Outcome {
        /** Confirmed on the phone (or an invitation approved): the browser may take its session. */
        ACCEPTED,
        /** Refused at the scan or at confirmation (not an admin, setup done, invitation refused). */
        REFUSED,
        /** The scanner tapped 取消 on their phone. */
        CANCELLED
    }

    public boolean isValidAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    /** The requesting browser and system, from its User-Agent. */
    public BrowserName browser() {
        return BrowserName.of(userAgent);
    }
}
