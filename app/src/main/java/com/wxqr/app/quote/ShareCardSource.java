package com.wxqr.app.quote;

import java.util.Optional;

/**
 * The quote page's share card inside WeChat (docs/PROTOCOL.md#js-sdk), provided by the {@code share} package (which
 * builds it from the quote's news card, so it depends on this package and not the other way round).
 */
public interface ShareCardSource {

    /** The JS-SDK script the page loads inside WeChat. */
    String scriptUrl();

    /** The origin of {@link #scriptUrl()}, the one script source the page's CSP adds. */
    String scriptOrigin();

    /**
     * The JSON for {@code wx.config} and the share APIs, signed for the page at {@code pathAndQuery} (the request's
     * raw path and query); empty when it cannot be had (the page then works without a card).
     *
     * @param nickname the owner's nickname, or null for a neutral title
     */
    Optional<String> configFor(String pathAndQuery, Quote quote, String nickname);
}
