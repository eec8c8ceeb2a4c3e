package com.wxqr.emulator;

/**
 * An emulated Official Account as created, with the outcome of the URL verification.
 *
 * @param verification the echostr GET to {@code callbackUrl}; {@code attempted=false} without a callback URL
 */
public record EmulatedAccount(
        String appId,
        String secret,
        String token,
        String encodingAesKey,
        String callbackUrl,
        String mode,
        String originalId,
        String name,
        String oauthDomain,
        UrlVerification verification) {}
