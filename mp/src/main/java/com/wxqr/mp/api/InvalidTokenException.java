package com.wxqr.mp.api;

/**
 * The access_token used was rejected: 40001 (invalid or not the latest), 40014 (malformed) or 42001 (expired). The client has already invalidated it and retried once with a new token when this reaches the caller of an API call; from the OAuth calls it concerns the web-authorization token, which must be refreshed or obtained again.
 */
public final class InvalidTokenException extends WeChatApiException {

    private static final long serialVersionUID = 1L;

    InvalidTokenException(String path, int errcode, String errmsg) {
        super(path, errcode, errmsg);
    }
}
