package com.wxqr.mp.callback;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The query parameters WeChat adds to a push or a verification request (docs/PROTOCOL.md#push-requests). Any may be
 * null when absent.
 */
public record CallbackParams(
        String signature, String timestamp, String nonce, String openid, String encryptType, String msgSignature) {

    /** Reads the parameters through a lookup such as {@code request::getParameter}. */
    public static CallbackParams of(Function<String, String> queryParam) {
        return new CallbackParams(
                queryParam.apply("signature"),
                queryParam.apply("timestamp"),
                queryParam.apply("nonce"),
                queryParam.apply("openid"),
                queryParam.apply("encrypt_type"),
                queryParam.apply("msg_signature"));
    }

    /** Whether the body is encrypted ({@code encrypt_type=aes}). */
    public boolean encrypted() {
        return "aes".equalsIgnoreCase(encryptType);
    }

    /** The present parameters by their query names, in WeChat's order. */
    public Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "signature", signature);
        put(query, "timestamp", timestamp);
        put(query, "nonce", nonce);
        put(query, "openid", openid);
        put(query, "encrypt_type", encryptType);
        put(query, "msg_signature", msgSignature);
        return query;
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (value != null) {
            query.put(name, value);
        }
    }
}
