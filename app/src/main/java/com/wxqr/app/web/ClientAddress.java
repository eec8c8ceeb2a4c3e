package com.wxqr.app.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address rate limits count by: the request's remote address, which is the visitor's
 * as reported in {@code X-Forwarded-For} when the connection comes from one of
 * {@code wxqr.trusted-proxies} (see {@link TrustedProxies}), and the connection's otherwise.
 */
public final class ClientAddress {
    private ClientAddress() {}

    public static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
