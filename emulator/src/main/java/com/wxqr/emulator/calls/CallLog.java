package com.wxqr.emulator.calls;

import com.wxqr.emulator.CallRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/** A bounded log of calls and pushes, oldest dropped first. Thread-safe. */
public final class CallLog {

    private static final Set<String> SECRET_PARAMS = Set.of("secret", "access_token", "refresh_token", "appsecret");
    private static final int MAX_TEXT = 4096;

    private final int capacity;
    private final Deque<CallRecord> records = new ArrayDeque<>();
    private long seq;

    public CallLog(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Appends one record, which {@code numbered} builds from the sequence number the log gives it (runs under the
     * log's lock, so compute what is costly beforehand).
     */
    public synchronized void add(LongFunction<CallRecord> numbered) {
        records.addLast(numbered.apply(++seq));
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

    /** A copy of the query with the values of secret parameters masked. */
    public static Map<String, String> maskSecrets(Map<String, String> query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query != null) {
            query.forEach((k, v) -> out.put(k, SECRET_PARAMS.contains(k) ? maskValue(v) : v));
        }
        return out;
    }

    /** The text cut to 4096 characters (then ending in …). */
    public static String clip(String text) {
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
