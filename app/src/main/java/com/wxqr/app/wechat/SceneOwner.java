package com.wxqr.app.wechat;

/**
 * A feature that issues QR codes of its own (login codes, channel codes), told apart from quote
 * codes by the prefix of their {@code scene_str}. The push handler ({@code callback}) hands a scan of such a code to
 * its owner inside the push's transaction and sends back the text the owner returns.
 */
public interface SceneOwner {

    /** Whether {@code scene} is one of this feature's codes (a prefix test, no database). */
    boolean owns(String scene);

    /**
     * Acts on {@code openid}'s scan of {@code scene} inside the push's transaction (a retried push
     * rolls it back and replays the reply) and returns the text WeChat shows the user.
     */
    String scanned(String scene, String openid, boolean newFollower);
}
