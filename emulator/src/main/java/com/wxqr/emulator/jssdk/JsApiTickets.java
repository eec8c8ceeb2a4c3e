package com.wxqr.emulator.jssdk;

import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.accounts.Accounts;
import com.wxqr.emulator.accounts.DailyQuotas;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.http.Json;
import com.wxqr.emulator.http.RandomIds;
import com.wxqr.emulator.http.WeChatError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JS-SDK's jsapi_ticket (docs/PROTOCOL.md#js-sdk-tickets) and the {@code wx.config} check the in-WeChat
 * browser makes with it (docs/PROTOCOL.md#js-sdk-signature). {@code GET /cgi-bin/ticket/getticket?type=jsapi}
 * needs a valid access_token of the account (40001/42001 otherwise, as every token call), counts against a daily
 * limit (45009 past it) and issues a ticket that lives 7200 s. An earlier ticket keeps working until its own expiry
 * (the emulator's reading of an unconfirmed point). A {@code wx.config} is valid when its signature is the one
 * computed from some live ticket of the account, the nonce, the timestamp and the page's URL without fragment.
 */
public final class JsApiTickets {
    /** How long a ticket lives. */
    public static final Duration LIFETIME = Duration.ofSeconds(7200);
    /** getticket calls per account and day before 45009 unless configured otherwise. */
    public static final int DEFAULT_DAILY_LIMIT = 100_000;

    private record Issued(String appId, Instant expiresAt) {}

    private final Accounts accounts;
    private final DailyQuotas quotas;
    private final Clock clock;
    private final int dailyLimit;
    private final Map<String, Issued> tickets = new ConcurrentHashMap<>();

    public JsApiTickets(Accounts accounts, DailyQuotas quotas, Clock clock, int dailyLimit) {
        if (dailyLimit < 1) {
            throw new IllegalArgumentException("dailyLimit must be positive: " + dailyLimit);
        }
        this.accounts = accounts;
        this.quotas = quotas;
        this.clock = clock;
        this.dailyLimit = dailyLimit;
    }

    /** {@code GET /cgi-bin/ticket/getticket}. */
    public void getTicket(Exchange ex) throws Exception {
        Account account = accounts.requireToken(ex.query("access_token"));
        if (!"jsapi".equals(ex.query("type"))) {
            throw new WeChatError(40097, "invalid args"); // only type=jsapi is emulated
        }
        String ticket = issue(account.appId());
        ex.json(
                200,
                Json.object()
                        .put("errcode", 0)
                        .put("errmsg", "ok")
                        .put("ticket", ticket)
                        .put("expires_in", LIFETIME.toSeconds()));
    }

    /** A new ticket of {@code appId}, counted against the daily limit (45009 past it). */
    public String issue(String appId) {
        quotas.consume(appId, "jsapi_ticket", dailyLimit);
        Instant now = clock.instant();
        tickets.values().removeIf(t -> now.isAfter(t.expiresAt().plus(Duration.ofDays(1))));
        String ticket = RandomIds.urlSafe(86);
        tickets.put(ticket, new Issued(appId, now.plus(LIFETIME)));
        return ticket;
    }

    /**
     * Checks a {@code wx.config} as WeChat's client does, for the page at {@code pageUrl} (its fragment dropped):
     * {@code config:ok}, or {@code config:invalid signature}.
     */
    public String check(String appId, String nonceStr, long timestamp, String signature, String pageUrl) {
        if (appId == null || nonceStr == null || nonceStr.isBlank() || signature == null || pageUrl == null) {
            return "config:invalid signature";
        }
        Instant now = clock.instant();
        for (Map.Entry<String, Issued> e : tickets.entrySet()) {
            Issued issued = e.getValue();
            if (issued.appId().equals(appId)
                    && now.isBefore(issued.expiresAt())
                    && signature(e.getKey(), nonceStr, timestamp, pageUrl).equals(signature)) {
                return "config:ok";
            }
        }
        return "config:invalid signature";
    }

    /**
     * The signature WeChat's client computes, written independently of {@code mp}'s {@code JsApiSignature} so that
     * the two check each other: the pairs sorted by key, joined as a query string, the URL cut at {@code #}.
     */
    static String signature(String ticket, String nonceStr, long timestamp, String pageUrl) {
        int hash = pageUrl.indexOf('#');
        Map<String, String> pairs = new TreeMap<>();
        pairs.put("noncestr", nonceStr);
        pairs.put("url", hash < 0 ? pageUrl : pageUrl.substring(0, hash));
        pairs.put("timestamp", Long.toString(timestamp));
        pairs.put("jsapi_ticket", ticket);
        StringBuilder plain = new StringBuilder();
        pairs.forEach((k, v) ->
                plain.append(plain.isEmpty() ? "" : "&").append(k).append('=').append(v));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1")
                            .digest(plain.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }
}
