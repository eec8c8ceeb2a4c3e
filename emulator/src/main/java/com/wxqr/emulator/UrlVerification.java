package com.wxqr.emulator;

/**
 * The outcome of WeChat's server-URL verification (docs/PROTOCOL.md#server-url-verification): a GET with signature,
 * timestamp, nonce and echostr that must be answered with exactly the echostr.
 *
 * @param attempted false when the account has no callback URL
 * @param verified  true when the body was exactly the echostr
 * @param status    the HTTP status, 0 when no answer came
 * @param detail    why it failed, or {@code ok}
 */
public record UrlVerification(boolean attempted, boolean verified, int status, String detail) {}
