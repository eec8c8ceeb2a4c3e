package com.wxqr.mp.api;

/**
 * Any failure of a call to WeChat's API that is not the caller's mistake. Exactly two kinds exist,
 * so {@code catch (WeChatException e)} handles every outcome other than success, and a
 * {@code switch} over the two is exhaustive:
 *
 * <ul>
 *   <li>{@link WeChatApiException}: WeChat understood the request and said no ({@code errcode ≠ 0});
 *       subclasses mark the codes a caller acts on differently.
 *   <li>{@link WeChatTransportException}: no usable answer (connection failure, timeout, HTTP status
 *       other than 200, a body that is not the promised JSON object).
 * </ul>
 *
 * <p>Invalid input from the caller is an {@link IllegalArgumentException} instead, thrown before
 * anything is sent. Messages name the API path, never a query string, token or secret.
 */
public abstract sealed class WeChatException extends RuntimeException
        permits WeChatApiException, WeChatTransportException {

    private static final long serialVersionUID = 1L;

    WeChatException(String message) {
        super(message);
    }

    WeChatException(String message, Throwable cause) {
        super(message, cause);
    }
}
