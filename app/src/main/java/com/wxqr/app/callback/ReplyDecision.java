package com.wxqr.app.callback;

import com.wxqr.app.wechat.SceneOwner;

/**
 * The reply decided for a push, stored beside its dedupe key so that a retry of the same push
 * gets the same reply, re-rendered: {@code success}, a text, the news card of a quote, or the news
 * card of a {@link SceneOwner}'s code (its scene in {@code text}).
 */
record ReplyDecision(Kind kind, String text, String quotePublicId) {

    enum Kind {
        SUCCESS,
        TEXT,
        QUOTE_NEWS,
        SCENE_NEWS
    }

    static ReplyDecision success() {
        return new ReplyDecision(Kind.SUCCESS, null, null);
    }

    static ReplyDecision text(String text) {
        return new ReplyDecision(Kind.TEXT, text, null);
    }

    static ReplyDecision of(SceneOwner.Answer answer) {
        return answer.cardScene() != null
                ? new ReplyDecision(Kind.SCENE_NEWS, answer.cardScene(), null)
                : text(answer.text());
    }

    static ReplyDecision quoteNews(String quotePublicId) {
        return new ReplyDecision(Kind.QUOTE_NEWS, null, quotePublicId);
    }
}
