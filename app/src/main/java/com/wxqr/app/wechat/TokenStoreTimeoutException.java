package com.wxqr.app.wechat;

/**
 * No access token could be had from the {@link JdbcAccessTokenStore} in time: another instance held
 * the token row's lock longer than {@code wxqr.wechat.token-lock-timeout}, or the fetch ran past
 * {@code wxqr.wechat.call-timeout}. The WeChat call that needed the token was not sent; the mp
 * client hands it to its caller as the cause of a {@code WeChatTransportException}.
 */
public class TokenStoreTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TokenStoreTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
