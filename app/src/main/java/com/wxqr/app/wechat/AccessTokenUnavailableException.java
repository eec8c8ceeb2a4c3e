package com.wxqr.app.wechat;

/**
 * No access token could be had in time: another thread or instance holds the token row's lock
 * longer than {@code wxqr.wechat.token-lock-timeout}, or the fetch itself ran past its deadline.
 * The WeChat call that needed the token was not sent; callers treat it like a transport failure.
 */
public class AccessTokenUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AccessTokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
