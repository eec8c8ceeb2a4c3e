package com.wxqr.app.scan;

import com.wxqr.app.system.UnguessableId;
import com.wxqr.app.web.RateLimiter;
import com.wxqr.mp.api.QrRequest;
import com.wxqr.mp.api.QrTicket;
import com.wxqr.mp.api.WeChatClient;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Issues the temporary QR codes of quotes: a random {@code scene_str} per code ({@code QR_STR_SCENE},
 * never the quote id), a ticket from {@code qrcode/create}, stored before it is shown. A valid code
 * is reused; a new one is created only when none is valid and the client is within its rate limit.
 */
@Service
public class QrCodes {
    private final QrCodeRepository repository;
    private final RateLimiter rateLimiter;
    private final QrProperties properties;
    private final WeChatClient weChat;
    private final Clock clock;

    QrCodes(
            QrCodeRepository repository,
            RateLimiter rateLimiter,
            QrProperties properties,
            WeChatClient weChat,
            Clock clock) {
        this.repository = repository;
        this.rateLimiter = rateLimiter;
        this.properties = properties;
        this.weChat = weChat;
        this.clock = clock;
    }

    /** The quote's latest code, valid or expired. */
    public Optional<QrCode> latest(String publicId) {
        return repository.latestFor(publicId);
    }

    /** The code that carries {@code sceneStr}, valid or expired. */
    public Optional<QrCode> byScene(String sceneStr) {
        return repository.byScene(sceneStr);
    }

    /** Whether {@code client} may create another code now (counts nothing). */
    public boolean hasRoom(String client) {
        return rateLimiter.hasRoom(properties.bucket(), client);
    }

    /**
     * Counts one new code of another feature (login codes) against {@code client}'s limit.
     *
     * @throws TooManyQrCodesException when {@code client} created too many codes recently
     */
    public void countNewCode(String client) {
        if (!rateLimiter.tryAcquire(properties.bucket(), client)) {
            throw new TooManyQrCodesException();
        }
    }

    /** The quote's valid code, or a new one when it has none (the first view, or after expiry). */
    public QrCode validOrNew(String publicId, String client) {
        Optional<QrCode> latest = repository.latestFor(publicId);
        if (latest.isPresent() && latest.get().isValidAt(clock.instant())) {
            return latest.get();
        }
        return issue(publicId, client);
    }

    /**
     * Creates a new code for the quote (calls WeChat; blocks until it answers).
     *
     * @throws TooManyQrCodesException when {@code client} created too many codes recently
     * @throws com.wxqr.mp.api.WeChatException when WeChat does not issue one; nothing is stored then
     */
    public QrCode issue(String publicId, String client) {
        if (!rateLimiter.tryAcquire(properties.bucket(), client)) {
            throw new TooManyQrCodesException();
        }
        String scene = UnguessableId.next();
        QrTicket ticket = weChat.createQrCode(QrRequest.temporary(scene, properties.expiry()));
        QrCode code = new QrCode(scene, publicId, ticket.ticket(), ticket.url(), ticket.expiresAt(), clock.instant());
        repository.insert(code);
        return code;
    }

    /** Thrown when a client has created more codes than {@code wxqr.qr.rate-limit} in the window. */
    public static final class TooManyQrCodesException extends RuntimeException {
        TooManyQrCodesException() {
            super("too many QR codes created from this client address; try again later");
        }
    }
}
