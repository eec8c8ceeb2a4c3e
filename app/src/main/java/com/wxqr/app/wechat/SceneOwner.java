package com.wxqr.app.wechat;

import com.wxqr.mp.Article;

/**
 * A feature that issues QR codes of its own (login codes, channel codes), told apart from quote
 * codes by the prefix of their {@code scene_str}. The push handler ({@code callback}) hands a scan of such a code to
 * its owner inside the push's transaction and sends back the owner's {@link Answer}.
 */
public interface SceneOwner {

    /** Whether {@code scene} is one of this feature's codes (a prefix test, no database). */
    boolean owns(String scene);

    /**
     * Acts on {@code openid}'s scan of {@code scene} inside the push's transaction (a retried push
     * rolls it back and replays the answer) and returns what WeChat shows the user.
     */
    Answer scanned(String scene, String openid, boolean newFollower);

    /**
     * The news card of a scan answered with {@link Answer#card}, built from what is stored for
     * {@code scene} (so a retried push gets the same card).
     */
    default Article card(String scene) {
        throw new IllegalStateException(getClass().getSimpleName() + " answers no scan with a card");
    }

    /** A text ({@code text}), or the news card of the scanned code ({@code cardScene}). */
    record Answer(String text, String cardScene) {
        public static Answer text(String text) {
            return new Answer(text, null);
        }

        public static Answer card(String scene) {
            return new Answer(null, scene);
        }
    }
}
