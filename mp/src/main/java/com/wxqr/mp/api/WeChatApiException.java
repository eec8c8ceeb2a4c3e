package com.wxqr.mp.api;

/**
 * WeChat answered a call with an {@code errcode} other than 0: it understood the request and said no.
 *
 * <p>Carries the code, WeChat's {@code errmsg} and the meaning of the code from the official global
 * return-code table. Subclasses mark the codes a caller handles differently. The message names the
 * API path, never a query string, token or secret.
 *
 * @see WeChatException the root shared with transport failures
 */
public sealed class WeChatApiException extends WeChatException
        permits InvalidTokenException, SystemBusyException, RateLimitedException, OutsideWindowException {

    private static final long serialVersionUID = 1L;

    private final int errcode;
    private final String errmsg;

    WeChatApiException(String path, int errcode, String errmsg) {
        super(path + " answered errcode " + errcode + " (" + ErrorMeanings.of(errcode) + "): " + errmsg);
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    /** The error for {@code errcode}, of the most specific type. */
    static WeChatApiException of(String path, int errcode, String errmsg) {
        return switch (errcode) {
            case 40001, 40014, 42001 -> new InvalidTokenException(path, errcode, errmsg);
            case -1 -> new SystemBusyException(path, errcode, errmsg);
            case 45009, 45011 -> new RateLimitedException(path, errcode, errmsg);
            case 45015, 45047 -> new OutsideWindowException(path, errcode, errmsg);
            default -> new WeChatApiException(path, errcode, errmsg);
        };
    }

    /** WeChat's error code, never 0. */
    public int errcode() {
        return errcode;
    }

    /** WeChat's {@code errmsg} as returned (may end with a request id such as {@code rid: ...}); empty if absent. */
    public String errmsg() {
        return errmsg;
    }

    /** What the code means, in Chinese, from the official global return-code table; a generic text for unknown codes. */
    public String meaning() {
        return ErrorMeanings.of(errcode);
    }
}
