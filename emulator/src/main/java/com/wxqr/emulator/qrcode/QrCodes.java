package com.wxqr.emulator.qrcode;

import com.wxqr.emulator.http.RandomIds;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued codes by ticket and by URL. Tickets are opaque standard Base64 (with {@code + / =}) that, like
 * real ones, embed the code's URL. Codes expired for more than a day are forgotten. Thread-safe.
 */
public final class QrCodes {

    private final Map<String, QrCode> byTicket = new ConcurrentHashMap<>();
    private final Map<String, QrCode> byUrl = new ConcurrentHashMap<>();
    private final Map<String, Integer> permanentCounts = new ConcurrentHashMap<>();

    public QrCode issue(
            String appId, String actionName, String scene, boolean numeric, Instant now, Instant expiresAt) {
        if (byTicket.size() > 10_000 && RandomIds.positiveLong() % 100 == 0) {
            prune(now);
        }
        String url = "http://weixin.qq.com/q/02" + RandomIds.alnum(20);
        String ticket = ticketFor(url, now, expiresAt);
        QrCode code = new QrCode(ticket, url, appId, actionName, scene, numeric, now, expiresAt);
        byTicket.put(ticket, code);
        byUrl.put(url, code);
        if (expiresAt == null) {
            permanentCounts.merge(appId, 1, Integer::sum);
        }
        return code;
    }

    private static String ticketFor(String url, Instant now, Instant expiresAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x81, 0x01});
        out.writeBytes(RandomIds.bytes(10));
        out.writeBytes(url.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(8)
                .putInt((int) now.getEpochSecond())
                .putInt(expiresAt == null ? 0 : (int) expiresAt.getEpochSecond())
                .array());
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    public int permanentCount(String appId) {
        return permanentCounts.getOrDefault(appId, 0);
    }

    public QrCode byTicket(String ticket) {
        return ticket == null ? null : byTicket.get(ticket);
    }

    /** The code of a {@code weixin.qq.com/q/} URL; http and https both match. */
    public QrCode byUrl(String url) {
        if (url == null) {
            return null;
        }
        String u = url.trim();
        if (u.startsWith("https://")) {
            u = "http://" + u.substring("https://".length());
        }
        return byUrl.get(u);
    }

    /** Codes of the account not expired at {@code now}, newest first. */
    public List<QrCode> live(String appId, Instant now) {
        return byTicket.values().stream()
                .filter(c -> appId == null || c.appId().equals(appId))
                .filter(c -> !c.expiredAt(now))
                .sorted(Comparator.comparing(QrCode::createdAt).reversed())
                .toList();
    }

    private void prune(Instant now) {
        Instant limit = now.minus(Duration.ofDays(1));
        byTicket.values().removeIf(c -> c.expiresAt() != null && c.expiresAt().isBefore(limit));
        byUrl.values().removeIf(c -> c.expiresAt() != null && c.expiresAt().isBefore(limit));
    }
}
