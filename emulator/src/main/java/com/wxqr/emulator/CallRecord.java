package com.wxqr.emulator;

import com.wxqr.emulator.calls.CallLog;
import java.time.Instant;
import java.util.Map;

/**
 * One request the emulator served on a WeChat host, or one push or URL verification it sent.
 * Secrets in the query ({@code secret}, {@code access_token}…) are masked and long bodies clipped on construction.
 *
 * @param kind         {@code api} (served), {@code push} or {@code verify} (sent)
 * @param path         the request path (served) or the callback URL without query (sent)
 * @param status       HTTP status; 0 when a sent request got no answer
 * @param errcode      WeChat errcode of a served JSON answer (0 for success), null when not applicable
 * @param attempt      delivery number of a push, null otherwise
 */
public record CallRecord(
        long seq,
        Instant time,
        String kind,
        String method,
        String path,
        Map<String, String> query,
        String requestBody,
        int status,
        Integer errcode,
        String responseBody,
        long millis,
        String appId,
        Integer attempt) {

    public CallRecord {
        query = CallLog.maskSecrets(query);
        requestBody = CallLog.clip(requestBody);
        responseBody = CallLog.clip(responseBody);
    }
}
