package com.wxqr.app.system;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address QR creation is rate-limited by: the request's remote address. Behind a
 * proxy, set {@code server.forward-headers-strategy=native} so that it is the visitor's address.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
