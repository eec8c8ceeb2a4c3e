package com.wxqr.emulator.qrcode;

import com.wxqr.emulator.IssuedQrCode;
import java.time.Instant;

/**
 * An issued code.
 *
 * @param scene     scene_id in decimal or scene_str
 * @param numeric   whether the scene is a scene_id
 * @param expiresAt null for permanent codes
 */
public record QrCode(
        String ticket,
        String url,
        String appId,
        String actionName,
        String scene,
        boolean numeric,
        Instant createdAt,
        Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public IssuedQrCode view() {
        return new IssuedQrCode(ticket, url, appId, actionName, scene, expiresAt);
    }
}
