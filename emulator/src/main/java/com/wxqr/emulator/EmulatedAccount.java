package com.wxqr.emulator;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * An emulated Official Account as created, with the outcome of the URL verification. Its JSON (control API) is
 * flat: the settings' fields beside {@code verification}.
 *
 * @param settings     the account's settings with every generated value filled in: AppID, AppSecret, Token,
 *                     original ID, name and mode are never null; the EncodingAESKey is null only in plain mode
 * @param verification the echostr GET to {@code callbackUrl}; {@code attempted=false} without a callback URL
 */
public record EmulatedAccount(@JsonUnwrapped NewAccount settings, UrlVerification verification) {}
