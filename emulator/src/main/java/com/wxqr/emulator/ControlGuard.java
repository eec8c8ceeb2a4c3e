package com.wxqr.emulator;

import com.wxqr.emulator.http.ControlException;
import com.wxqr.emulator.http.Exchange;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages on other sites away from the control API. A page open in a developer's browser can send a
 * simple cross-site request (a form post, or {@code fetch} in no-cors mode) to a loopback port without any
 * CORS check; such a request carries a form or text content type, or an {@code Origin} that is not ours.
 * So a control request is refused with 403 when its {@code Origin} header is present and is not the
 * emulator's own origin (its base URL, or its port on a loopback name), and with 415 when it carries a body
 * that is not {@code application/json}. Both are decided from the headers, before the body is read.
 */
final class ControlGuard {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Platform platform;

    ControlGuard(Platform platform) {
        this.platform = platform;
    }

    void check(Exchange ex) {
        String origin = ex.header("Origin");
        if (origin != null && !isOwnOrigin(origin)) {
            throw new ControlException(
                    403,
                    "requests from the origin " + origin + " are refused: the control API "
                            + "answers only its own pages and clients that send no Origin");
        }
        String contentType = ex.header("Content-Type");
        boolean hasBody = ex.header("Transfer-Encoding") != null
                || !(ex.header("Content-Length") == null
                        || "0".equals(ex.header("Content-Length").strip()));
        if ((contentType != null || hasBody) && !isJson(contentType)) {
            throw new ControlException(
                    415,
                    "the control API takes application/json bodies only, not "
                            + (contentType == null ? "a body without Content-Type" : contentType));
        }
    }

    private boolean isOwnOrigin(String origin) {
        URI base = platform.baseUrl();
        String own = base.getScheme() + "://" + base.getAuthority();
        if (origin.equalsIgnoreCase(own)) {
            return true;
        }
        for (String host : LOOPBACK_NAMES) {
            if (origin.equalsIgnoreCase("http://" + host + ":" + base.getPort())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.toLowerCase(Locale.ROOT).equals("application/json");
    }
}
