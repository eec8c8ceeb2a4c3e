package com.wxqr.bench.callback;

import com.wxqr.mp.Article;

/**
 * The one-article news reply both pipelines answer a QR push with: the card that opens the quote
 * behind the scanned scene. Both sides build it with this same code, so the comparison measures
 * the protocol work, not the handler.
 */
public final class QuoteCard {

    static final String TITLE = "您的报价单已生成";
    static final String DESCRIPTION = "点击查看报价详情，价格 7 天内有效。";
    static final String PIC_URL = "https://quote.example.com/static/card.png";
    static final String URL_PREFIX = "https://quote.example.com/q/";

    private QuoteCard() {}

    /** The card for the quote behind {@code scene}; the link carries the scene, never the OpenID. */
    public static Article forScene(String scene) {
        return new Article(TITLE, DESCRIPTION, PIC_URL, URL_PREFIX + scene);
    }
}
