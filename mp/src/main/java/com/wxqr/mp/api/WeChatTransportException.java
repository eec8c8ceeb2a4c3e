package com.wxqr.mp.api;

/**
 * A call did not get a usable answer from WeChat: connection failure, timeout, interruption, an HTTP
 * status other than 200, or a body that is not the JSON object the API promises. The cause, when
 * there is one, is the underlying {@link java.io.IOException} (or parse error). The message names the
 * method and path only, never a query string, token or secret.
 *
 * @see WeChatException the root shared with the answers in which WeChat said no
 */
public final class WeChatTransportException extends WeChatException {

    private static final long serialVersionUID = 1L;

    WeChatTransportException(String message) {
        super(message);
    }

    WeChatTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
