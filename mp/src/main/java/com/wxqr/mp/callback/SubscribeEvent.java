package com.wxqr.mp.callback;

import java.util.Map;
import java.util.Optional;

/**
 * A user followed the account (Event {@code subscribe}). When the follow came from a parametric
 * QR code, {@code scene} is the EventKey without {@code qrscene_} and {@code ticket} the code's
 * ticket; for a plain follow both are null.
 */
public record SubscribeEvent(Map<String, String> fields, String scene, String ticket) implements InboundMessage {

    /** Whether the follow came through a parametric QR code. */
    public boolean fromQrCode() {
        return scene != null;
    }

    @Override
    public Optional<String> qrScene() {
        return Optional.ofNullable(scene);
    }
}
