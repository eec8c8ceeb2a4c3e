package com.wxqr.emulator.http;

import java.util.Map;

/**
 * An error answered as WeChat answers it: HTTP 200 with {@code {"errcode":N,"errmsg":"... rid: ..."}}
 * (docs/PROTOCOL.md#error-wire-format). The errmsg strings are the ones observed in real responses
 * (docs/PROTOCOL.md#error-codes).
 */
public final class WeChatError extends RuntimeException {

    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(-1, "system error"),
            Map.entry(40001, "invalid credential, access_token is invalid or not latest"),
            Map.entry(40002, "invalid grant_type"),
            Map.entry(40003, "invalid openid"),
            Map.entry(40008, "invalid message type"),
            Map.entry(40013, "invalid appid"),
            Map.entry(40014, "invalid access_token"),
            Map.entry(40029, "invalid code"),
            Map.entry(40030, "invalid refresh_token"),
            Map.entry(40035, "invalid param"),
            Map.entry(40052, "invalid action name"),
            Map.entry(40053, "invalid action info, please check document"),
            Map.entry(40125, "invalid appsecret"),
            Map.entry(40163, "code been used"),
            Map.entry(41001, "access_token missing"),
            Map.entry(41002, "appid missing"),
            Map.entry(41004, "appsecret missing"),
            Map.entry(41008, "missing code"),
            Map.entry(42001, "access_token expired"),
            Map.entry(42002, "refresh_token expired"),
            Map.entry(42003, "code expired"),
            Map.entry(43002, "require POST method"),
            Map.entry(43004, "require subscribe"),
            Map.entry(44002, "empty post data"),
            Map.entry(45002, "content size out of limit"),
            Map.entry(45008, "article size out of limit"),
            Map.entry(45009, "reach max api daily quota limit"),
            Map.entry(45011, "api minute-quota reach limit must slower retry next minute"),
            Map.entry(45015, "response out of time limit or subscription is canceled"),
            Map.entry(45047, "out of response count limit"),
            Map.entry(45162, "invalid type"),
            Map.entry(47001, "data format error"),
            Map.entry(48001, "api unauthorized"),
            Map.entry(48006, "forbid to clear quota because of reaching the limit"),
            Map.entry(76021, "cgi_path not found, please check"));

    private final int errcode;
    private final String errmsg;

    public WeChatError(int errcode, String errmsg) {
        super(errcode + " " + errmsg);
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    /** The error with WeChat's usual errmsg for the code ({@code "error"} when the code is not in the table). */
    public static WeChatError of(int errcode) {
        return new WeChatError(errcode, defaultMessage(errcode));
    }

    public static String defaultMessage(int errcode) {
        return MESSAGES.getOrDefault(errcode, "error");
    }

    public int errcode() {
        return errcode;
    }

    public String errmsg() {
        return errmsg;
    }
}
