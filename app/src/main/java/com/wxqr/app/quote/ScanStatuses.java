package com.wxqr.app.quote;

import com.wxqr.app.scan.QrCode;
import com.wxqr.app.scan.QrCodes;
import com.wxqr.app.web.Texts;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Derives a quote's {@link ScanStatus} from its progress and its latest QR code. */
@Component
class ScanStatuses {

    private final Quotes quotes;
    private final QrCodes qrCodes;
    private final Texts texts;
    private final Clock clock;

    ScanStatuses(Quotes quotes, QrCodes qrCodes, Texts texts, Clock clock) {
        this.quotes = quotes;
        this.qrCodes = qrCodes;
        this.texts = texts;
        this.clock = clock;
    }

    public Optional<ScanStatus> of(String publicId) {
        return observe(publicId).map(Observed::status);
    }

    /** The status as of {@code progress}. */
    public ScanStatus of(String publicId, Progress progress) {
        return observe(publicId, progress).status();
    }

    /** The status now, with the moment it turns to "expired" on its own while it is "waiting". */
    Optional<Observed> observe(String publicId) {
        return quotes.progress(publicId).map(progress -> observe(publicId, progress));
    }

    /**
     * A quote's status and, while it is {@code waiting}, when its code runs out (the status then
     * changes to {@code expired} with no event); null otherwise.
     */
    record Observed(ScanStatus status, Instant codeExpiresAt) {}

    private Observed observe(String publicId, Progress progress) {
        if (progress.stage() == Progress.Stage.WAITING) {
            QrCode code = qrCodes.latest(publicId).orElse(null);
            boolean expired = code != null && !code.isValidAt(clock.instant());
            return expired
                    ? new Observed(new ScanStatus("expired", null, null, texts.text("status.expired")), null)
                    : new Observed(
                            new ScanStatus("waiting", null, null, texts.text("status.waiting")),
                            code == null ? null : code.expiresAt());
        }
        return new Observed(progressed(progress), null);
    }

    private ScanStatus progressed(Progress progress) {
        Boolean newFollower =
                progress.scannedAs() == null ? null : progress.scannedAs() == Progress.ScannedAs.NEW_FOLLOWER;
        return switch (progress.stage()) {
            case WAITING -> throw new IllegalArgumentException("waiting depends on the code, see observe");
            case SCANNED ->
                new ScanStatus(
                        "scanned",
                        newFollower,
                        null,
                        texts.text(
                                Boolean.TRUE.equals(newFollower) ? "status.scanned.new" : "status.scanned.existing"));
            case DELIVERED -> new ScanStatus("delivered", newFollower, null, texts.text("status.delivered"));
            case FAILED ->
                new ScanStatus(
                        "failed",
                        newFollower,
                        progress.failureReason(),
                        texts.text("status.failed", progress.failureReason()));
        };
    }
}
