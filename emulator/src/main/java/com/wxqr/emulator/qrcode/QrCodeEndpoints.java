package com.wxqr.emulator.qrcode;

import com.wxqr.emulator.EmulatorSettings;
import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.accounts.Accounts;
import com.wxqr.emulator.accounts.DailyQuotas;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.http.Json;
import com.wxqr.emulator.http.WeChatError;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The QR-code endpoints (docs/PROTOCOL.md#parametric-qr-codes): {@code qrcode/create} on the api host,
 * {@code showqrcode} on the mp host.
 */
public record QrCodeEndpoints(
        QrCodes qrCodes, Accounts accounts, DailyQuotas quotas, EmulatorSettings settings, Clock clock) {

    private static final List<String> ACTIONS =
            List.of("QR_SCENE", "QR_STR_SCENE", "QR_LIMIT_SCENE", "QR_LIMIT_STR_SCENE");

    /** {@code POST /cgi-bin/qrcode/create}. */
    public void create(Exchange ex) throws Exception {
        Account account = accounts.requireToken(ex.query("access_token"));
        account.requireWhitelisted(ex.remoteIp());
        account.requireVerified(); // parametric codes need a verified service account
        String text = ex.bodyText();
        if (text.isBlank()) {
            throw WeChatError.of(44002);
        }
        JsonNode body = Json.parseOrNull(text);
        if (body == null || !body.isObject()) {
            throw WeChatError.of(40052); // malformed JSON is answered as a bad action name
        }
        String action = Json.text(body, "action_name");
        if (action == null || !ACTIONS.contains(action)) {
            throw WeChatError.of(40052);
        }
        JsonNode info = body.get("action_info");
        if (info == null || !info.isObject()) {
            throw WeChatError.of(40053);
        }
        boolean numeric = action.equals("QR_SCENE") || action.equals("QR_LIMIT_SCENE");
        boolean permanent = action.startsWith("QR_LIMIT_");
        JsonNode scene = info.get("scene");
        String sceneValue;
        if (scene == null && numeric) {
            sceneValue = "0"; // observed quirk: without the scene wrapper the code carries scene 0
        } else if (scene == null || !scene.isObject()) {
            throw WeChatError.of(40053);
        } else if (numeric) {
            sceneValue = Long.toString(sceneId(scene.get("scene_id"), permanent));
        } else {
            JsonNode s = scene.get("scene_str");
            if (s == null
                    || !s.isString()
                    || s.stringValue().isEmpty()
                    || s.stringValue().length() > 64) {
                throw WeChatError.of(40053);
            }
            sceneValue = s.stringValue();
        }
        Instant now = clock.instant();
        Instant expiresAt = null;
        long expireSeconds = 0;
        if (permanent) {
            if (qrCodes.permanentCount(account.appId()) >= settings.permanentQrLimit()) {
                throw WeChatError.of(40053);
            }
        } else {
            expireSeconds = expireSeconds(body.get("expire_seconds"));
            expiresAt = now.plusSeconds(expireSeconds);
        }
        quotas.consume(account.appId(), "qrcode_create", settings.qrDailyQuota());
        QrCode code = qrCodes.issue(account.appId(), action, sceneValue, numeric, now, expiresAt);
        ObjectNode answer = Json.object().put("ticket", code.ticket());
        if (!permanent) {
            answer.put("expire_seconds", expireSeconds);
        } else if (settings.permanentQrExpireSecondsZero()) {
            answer.put("expire_seconds", 0);
        }
        answer.put("url", code.url());
        ex.json(200, answer);
    }

    private long sceneId(JsonNode id, boolean permanent) {
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            throw WeChatError.of(40053);
        }
        long v = id.longValue();
        boolean ok;
        if (permanent) {
            ok = v >= 1 && v <= 100_000;
        } else if (settings.tempSceneIdUnsigned()) {
            ok = v >= 1 && v <= 0xFFFF_FFFFL;
        } else {
            ok = v != 0 && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
        }
        if (!ok) {
            throw WeChatError.of(40053);
        }
        return v;
    }

    private long expireSeconds(JsonNode node) {
        if (node == null || node.isNull()) {
            return settings.qrDefaultExpireSeconds();
        }
        long v;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            v = node.longValue();
        } else if (node.isString() && node.stringValue().matches("\\d{1,12}")) {
            v = Long.parseLong(node.stringValue());
        } else {
            throw WeChatError.of(40053);
        }
        if (v <= 0) {
            return settings.qrDefaultExpireSeconds();
        }
        if (v > settings.qrMaxExpireSeconds()) {
            if (!settings.qrClampExpiry()) {
                throw WeChatError.of(40053);
            }
            return settings.qrMaxExpireSeconds();
        }
        return v;
    }

    /** {@code GET /cgi-bin/showqrcode}: the code's PNG, 404 once expired. */
    public void show(Exchange ex) throws Exception {
        QrCode code = qrCodes.byTicket(ex.query("ticket"));
        if (code == null || code.expiredAt(clock.instant())) {
            ex.text(404, "text/plain; charset=utf-8", "");
            return;
        }
        ex.setHeader("Cache-Control", "max-age=604800");
        ex.respond(200, "image/png", QrImages.png(code.url(), 430));
    }
}
