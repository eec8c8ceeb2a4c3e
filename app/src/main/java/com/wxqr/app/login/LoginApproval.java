package com.wxqr.app.login;

/**
 * Decides login codes of one {@link LoginCode.Purpose} other than visitors' (the admin area
 * supplies those): whether a scan is refused at once, and what the scanner's 确认登录 does.
 */
public interface LoginApproval {

    LoginCode.Purpose purpose();

    /**
     * In the push's transaction: the message key of what WeChat tells {@code openid} when their scan
     * of {@code code} is refused at once (for example: not an admin), or null to let it go on.
     */
    String refuseScan(LoginCode code, String openid);

    /**
     * In the confirmation's transaction, after the scanner confirmed on their phone: whether the
     * browser that showed {@code code} is logged in. May act (make the first admin) and audit.
     * Never called for invitations, which the inviter decides.
     */
    boolean confirm(LoginCode code, String openid);

    /** Where the browser goes once the login is confirmed (or, for an invitation, scanned). */
    String next();
}
