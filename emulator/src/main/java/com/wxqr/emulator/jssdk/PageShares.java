package com.wxqr.emulator.jssdk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the page open in each user's in-WeChat browser told the JS-SDK: the outcome of its {@code wx.config} and the
 * share data it set (docs/PROTOCOL.md#js-sdk). A new {@code wx.config} (a new page) starts afresh.
 */
public final class PageShares {

    /** The card a page set for 发送给朋友 ({@code desc} present) or 分享到朋友圈. */
    public record Card(String title, String desc, String link, String imgUrl) {}

    /**
     * One user's page.
     *
     * @param url        the page's URL without fragment, as the browser reported it
     * @param errMsg     the {@code wx.config} outcome: {@code config:ok} or {@code config:invalid signature}
     * @param appMessage what {@code updateAppMessageShareData} set, or null
     * @param timeline   what {@code updateTimelineShareData} set, or null
     */
    public record PageShare(String url, String errMsg, Card appMessage, Card timeline) {
        public boolean configured() {
            return "config:ok".equals(errMsg);
        }
    }

    private final Map<String, PageShare> pages = new ConcurrentHashMap<>();

    /** A page ran {@code wx.config}; its earlier share data is forgotten. */
    public void configured(String openid, String url, String errMsg) {
        pages.put(openid, new PageShare(url, errMsg, null, null));
    }

    /**
     * A page set share data ({@code timeline} or else the friend card); refused (false) unless its {@code wx.config}
     * succeeded, as WeChat's client refuses JS-SDK calls before a valid config.
     */
    public boolean share(String openid, boolean timeline, Card card) {
        PageShare[] result = new PageShare[1];
        pages.computeIfPresent(openid, (k, p) -> {
            if (!p.configured()) {
                return p;
            }
            result[0] = timeline
                    ? new PageShare(p.url(), p.errMsg(), p.appMessage(), card)
                    : new PageShare(p.url(), p.errMsg(), card, p.timeline());
            return result[0];
        });
        return result[0] != null;
    }

    /** The user's page, or null when no page of theirs configured the JS-SDK. */
    public PageShare of(String openid) {
        return pages.get(openid);
    }
}
