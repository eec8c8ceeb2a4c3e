package com.wxqr.mp.api;

/**
 * A customer-service message could not be sent: 45015 (the user has not interacted within the window, or unfollowed) or 45047 (the quota of messages for the user's interaction is used up). Resending will not help until the user interacts again.
 */
public final class OutsideWindowException extends WeChatApiException {

    private static final long serialVersionUID = 1L;

    OutsideWindowException(String path, int errcode, String errmsg) {
        super(path, errcode, errmsg);
    }
}
