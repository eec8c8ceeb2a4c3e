package com.wxqr.emulator.subscribe;

import com.wxqr.emulator.http.ControlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The subscription-notification templates of every account, by AppID. Thread-safe. */
public final class SubscribeTemplates {

    private final Map<String, Map<String, SubscribeTemplate>> byAccount = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();

    /**
     * Adds (or, under an id given again, replaces) a one-time template of the account; its content must name at least
     * one {@code {{key.DATA}}}. {@code priTmplId} null: a new id.
     */
    public SubscribeTemplate add(String appId, String priTmplId, String title, String content) {
        if (title == null || title.isBlank() || content == null) {
            throw new ControlException(400, "title and content are required");
        }
        if (priTmplId != null && !priTmplId.matches("[A-Za-z0-9_-]{1,128}")) {
            throw new ControlException(400, "priTmplId: letters, digits, _ and -, at most 128");
        }
        String id = priTmplId != null
                ? priTmplId
                : "tmpl" + Long.toString(seq.incrementAndGet(), 36) + "_" + Integer.toHexString(appId.hashCode());
        SubscribeTemplate t = new SubscribeTemplate(id, title, content, 2);
        if (t.keys().isEmpty()) {
            throw new ControlException(400, "content must name its data keys as {{thing1.DATA}}");
        }
        byAccount.computeIfAbsent(appId, a -> new ConcurrentHashMap<>()).put(id, t);
        return t;
    }

    /** The account's template of that id, or null. */
    public SubscribeTemplate find(String appId, String priTmplId) {
        return priTmplId == null
                ? null
                : byAccount.getOrDefault(appId, Map.of()).get(priTmplId);
    }

    public List<SubscribeTemplate> of(String appId) {
        return new ArrayList<>(byAccount.getOrDefault(appId, Map.of()).values());
    }
}
