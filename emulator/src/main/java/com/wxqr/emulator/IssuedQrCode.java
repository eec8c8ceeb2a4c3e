package com.wxqr.emulator;

import java.time.Instant;

/**
 * A parametric QR code issued by {@code qrcode/create}.
 *
 * @param scene     the scene as a string (scene_id in decimal, or scene_str)
 * @param expiresAt null for permanent codes
 */
public record IssuedQrCode(
        String ticket, String url, String appId, String actionName, String scene, Instant expiresAt) {}
