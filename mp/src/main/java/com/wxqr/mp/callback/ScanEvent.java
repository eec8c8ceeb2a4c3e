package com.wxqr.mp.callback;

import java.util.Map;
import java.util.Optional;

/** A follower scanned a parametric QR code (Event {@code SCAN}); {@code scene} is the bare EventKey. */
public record ScanEvent(Map<String, String> fields, String scene, String ticket) implements InboundMessage {

    @Override
    public Optional<String> qrScene() {
        return Optional.of(scene);
    }
}
