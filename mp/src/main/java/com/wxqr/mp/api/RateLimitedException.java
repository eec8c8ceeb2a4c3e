package com.wxqr.mp.api;

/**
 * A call quota was exhausted: 45009 (daily quota) or 45011 (per-minute quota). Not retried: retrying only burns more quota; wait for the next minute or day.
 */
public final class RateLimitedException extends WeChatApiException {

    private static final long serialVersionUID = 1L;

    RateLimitedException(String path, int errcode, String errmsg) {
        super(path, errcode, errmsg);
    }
}
