package com.wxqr.app.scan;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address QR creation is rate-limited by: the request's remote address. Behind a
 * proxy, set {@code server.forward-headers-strategy=native} so that it is the visitor's address.
 */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
