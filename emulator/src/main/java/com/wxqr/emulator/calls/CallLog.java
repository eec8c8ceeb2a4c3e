package com.wxqr.emulator.calls;

import com.wxqr.emulator.CallRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A bounded log of calls and pushes, oldest dropped first. Secrets are masked on the way in. Thread-safe. */
public final class CallLog {

    private static final Set<String> SECRET_PARAMS = Set.of("secret", "access_token", "refresh_token", "appsecret");
    private static final int MAX_TEXT = 4096;

    private final int capacity;
    private final Deque<CallRecord> records = new ArrayDeque<>();
    private long seq;

    public CallLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(
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
        CallRecord r = new CallRecord(
                ++seq,
                time,
                kind,
                method,
                path,
                mask(query),
                clip(requestBody),
                status,
                errcode,
                clip(responseBody),
                millis,
                appId,
                attempt);
        records.addLast(r);
        while (records.size() > capacity) {
            records.removeFirst();
        }
    }

    /** Masks a secret value as {@code ****} plus its last four characters. */
    public static String maskValue(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= 8 ? "****" : "****" + value.substring(value.length() - 4);
    }

    private static Map<String, String> mask(Map<String, String> query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query != null) {
            query.forEach((k, v) -> out.put(k, SECRET_PARAMS.contains(k) ? maskValue(v) : v));
        }
        return out;
    }

    private static String clip(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT) + "…";
    }

    /** Records, oldest first; {@code path} filters when not null. */
    public synchronized List<CallRecord> list(String path) {
        List<CallRecord> out = new ArrayList<>();
        for (CallRecord r : records) {
            if (path == null || path.equals(r.path())) {
                out.add(r);
            }
        }
        return out;
    }

    public synchronized void clear() {
        records.clear();
    }
}
