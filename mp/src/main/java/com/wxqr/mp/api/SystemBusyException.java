package com.wxqr.mp.api;

/**
 * WeChat was busy (errcode -1). The client has already retried with backoff when this reaches the caller; trying again later may succeed.
 */
public final class SystemBusyException extends WeChatApiException {

    private static final long serialVersionUID = 1L;

    SystemBusyException(String path, int errcode, String errmsg) {
        super(path, errcode, errmsg);
    }
}
