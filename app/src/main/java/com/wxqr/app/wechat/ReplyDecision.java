package com.wxqr.app.wechat;

/**
 * The reply decided for a push, stored beside its dedupe key so that a retry of the same push
 * gets the same reply, re-rendered: {@code success}, a text, or the news card of a quote.
 */
record ReplyDecision(Kind kind, String text, String quoteId) {

    enum Kind {
        SUCCESS, TEXT, QUOTE_NEWS
    }

    static ReplyDecision success() {
        return new ReplyDecision(Kind.SUCCESS, null, null);
    }

    static ReplyDecision text(String text) {
        return new ReplyDecision(Kind.TEXT, text, null);
    }

    static ReplyDecision quoteNews(String quoteId) {
        return new ReplyDecision(Kind.QUOTE_NEWS, null, quoteId);
    }
}
