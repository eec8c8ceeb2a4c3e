package com.wxqr.mp.crypto;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The {@code wx.config} signature of the JS-SDK (docs/PROTOCOL.md#js-sdk-signature): the SHA-1, in
 * lowercase hex, of {@code jsapi_ticket=…&noncestr=…&timestamp=…&url=…} (the four keys in ASCII order,
 * values as they are, not URL-encoded), where {@code url} is the page's full URL without its
 * {@code #fragment}. Unlike {@link Signatures#sign} the parts are {@code key=value} pairs joined
 * with {@code &}, not bare values.
 */
public final class JsApiSignature {

    private JsApiSignature() {}

    /**
     * Signs a {@code wx.config} for the page at {@code url}; a {@code #fragment} is dropped first,
     * as WeChat does.
     *
     * @throws IllegalArgumentException if any argument is null or blank
     */
    public static String sign(String jsapiTicket, String nonceStr, long timestamp, String url) {
        require(jsapiTicket, "jsapiTicket");
        require(nonceStr, "nonceStr");
        require(url, "url");
        String plain = "jsapi_ticket=" + jsapiTicket + "&noncestr=" + nonceStr + "&timestamp=" + timestamp + "&url="
                + withoutFragment(url);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }

    /** {@code url} up to (not including) its first {@code #}. */
    public static String withoutFragment(String url) {
        Objects.requireNonNull(url, "url");
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    /** {@code uri} as text without its fragment. */
    public static String withoutFragment(URI uri) {
        return withoutFragment(uri.toString());
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
