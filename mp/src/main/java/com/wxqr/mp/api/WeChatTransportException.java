package com.wxqr.mp.api;

/**
 * A call did not get a usable answer from WeChat: connection failure, timeout, interruption, an HTTP
 * status other than 200, or a body that is not the JSON object the API promises. The cause, when
 * there is one, is the underlying {@link java.io.IOException} (or parse error). The message names the
 * method and path only, never a query string, token or secret.
 */
public final class WeChatTransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WeChatTransportException(String message) {
        super(message);
    }

    WeChatTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
