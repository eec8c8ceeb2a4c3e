package com.wxqr.app.login;

/**
 * Decides scans of login codes of one {@link LoginCode.Purpose} other than visitors' (the admin
 * area supplies those). Runs inside the push's transaction.
 */
public interface LoginApproval {

    LoginCode.Purpose purpose();

    /** Whether {@code openid} may do what {@code code} is for, and what WeChat tells them. */
    Verdict decide(LoginCode code, String openid);

    /** Where the browser goes once the scan was accepted. */
    String next();

    /** {@code replyKey}: the message key of what WeChat tells the scanner (shown in Chinese). */
    record Verdict(boolean accepted, String replyKey) {}
}
