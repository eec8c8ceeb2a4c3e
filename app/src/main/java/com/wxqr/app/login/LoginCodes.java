package com.wxqr.app.login;

import com.wxqr.app.retention.Prunable;
import com.wxqr.app.scan.QrCodes;
import com.wxqr.app.system.UnguessableId;
import com.wxqr.app.web.ClientAddress;
import com.wxqr.app.web.Texts;
import com.wxqr.mp.api.QrRequest;
import com.wxqr.mp.api.QrTicket;
import com.wxqr.mp.api.WeChatClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Login QR codes for browsers: {@link #issue} creates one ({@code QR_STR_SCENE}, valid for
 * {@code wxqr.login.code-expiry}) bound to the asking browser by a random key in a cookie, and
 * {@link #status} tells that browser what the scan decided, starting its session once. Everything
 * lives in the database, so the page may poll any instance.
 */
@Service
public class LoginCodes implements Prunable {
    static final String BROWSER_COOKIE = "wxqr_login";

    /** A code this close to expiry is not reused for a new page view. */
    private static final Duration REUSE_MARGIN = Duration.ofSeconds(60);
    /** How long a login code is kept after it was created. */
    static final Duration KEEP = Duration.ofDays(1);

    private final LoginCodeRepository repository;
    private final Sessions sessions;
    private final LoginProperties properties;
    private final WeChatClient weChat;
    private final QrCodes qrCodes;
    private final List<LoginApproval> approvals;
    private final Texts texts;
    private final Clock clock;

    LoginCodes(
            LoginCodeRepository repository,
            Sessions sessions,
            LoginProperties properties,
            WeChatClient weChat,
            QrCodes qrCodes,
            List<LoginApproval> approvals,
            Texts texts,
            Clock clock) {
        this.repository = repository;
        this.sessions = sessions;
        this.properties = properties;
        this.weChat = weChat;
        this.qrCodes = qrCodes;
        this.approvals = List.copyOf(approvals);
        this.texts = texts;
        this.clock = clock;
    }

    /**
     * The browser's waiting code for {@code purpose} (and {@code requestedBy}), or a new one (calls
     * WeChat; blocks until it answers).
     *
     * @throws QrCodes.TooManyQrCodesException when this client created too many codes recently
     * @throws com.wxqr.mp.api.WeChatException when WeChat does not issue a code
     */
    public LoginCode issue(
            LoginCode.Purpose purpose, String requestedBy, HttpServletRequest request, HttpServletResponse response) {
        Instant now = clock.instant();
        Optional<LoginCode> current = current(request);
        if (current.isPresent()
                && current.get().purpose() == purpose
                && current.get().outcome() == null
                && Objects.equals(current.get().requestedBy(), requestedBy)
                && current.get().isValidAt(now.plus(REUSE_MARGIN))) {
            return current.get();
        }
        qrCodes.countNewCode(ClientAddress.of(request)); // shares the quote codes' per-client limit
        String scene = LoginCode.SCENE_PREFIX + UnguessableId.nextAlphanumeric();
        QrTicket ticket = weChat.createQrCode(QrRequest.temporary(scene, properties.codeExpiry()));
        String browserKey = UnguessableId.next();
        LoginCode code =
                new LoginCode(scene, purpose, requestedBy, ticket.url(), ticket.expiresAt(), now, null, null, null);
        repository.insert(code, UnguessableId.hash(browserKey), ticket.ticket());
        sessions.setCookie(response, BROWSER_COOKIE, browserKey, properties.codeExpiry());
        return code;
    }

    /** The latest code shown to this browser, whatever its state. */
    public Optional<LoginCode> current(HttpServletRequest request) {
        return Sessions.cookie(request, BROWSER_COOKIE).flatMap(key -> repository.latestFor(UnguessableId.hash(key)));
    }

    /**
     * What became of this browser's latest code. The first call after an accepted scan starts the
     * session (except for invitations, which log in the one who scanned nowhere).
     */
    public LoginStatus status(HttpServletRequest request, HttpServletResponse response) {
        Optional<LoginCode> found = current(request);
        if (found.isEmpty()) {
            return new LoginStatus("none", texts.text("login.status.none"), null);
        }
        LoginCode code = found.get();
        if (code.outcome() == LoginCode.Outcome.REFUSED) {
            return new LoginStatus(
                    "refused",
                    texts.text("login.status.refused." + code.purpose().name().toLowerCase(Locale.ROOT)),
                    null);
        }
        if (code.outcome() == LoginCode.Outcome.ACCEPTED) {
            if (code.usedAt() != null || !repository.use(code.sceneStr(), clock.instant())) {
                return new LoginStatus("used", texts.text("login.status.used"), null); // taken by an earlier poll
            }
            if (code.purpose() != LoginCode.Purpose.INVITE) {
                sessions.start(code.openid(), response);
            }
            return new LoginStatus("accepted", texts.text("login.status.accepted"), next(code.purpose()));
        }
        if (!code.isValidAt(clock.instant())) {
            return new LoginStatus("expired", texts.text("login.status.expired"), null);
        }
        return new LoginStatus("waiting", texts.text("login.status.waiting"), null);
    }

    /** Decides a scan of a login code, in the push's transaction; the text WeChat shows. */
    String scanned(String scene, String openid) {
        Optional<LoginCode> found = repository.byScene(scene);
        if (found.isEmpty()) {
            return texts.text("wechat.login.unknown");
        }
        LoginCode code = found.get();
        Instant now = clock.instant();
        if (code.outcome() != null) {
            return openid.equals(code.openid()) && code.outcome() == LoginCode.Outcome.ACCEPTED
                    ? texts.text("wechat.login.done")
                    : texts.text("wechat.login.used");
        }
        if (code.expiresAt().plusSeconds(30).isBefore(now)) {
            return texts.text("wechat.login.expired");
        }
        LoginApproval.Verdict verdict = code.purpose() == LoginCode.Purpose.VISITOR
                ? new LoginApproval.Verdict(true, "wechat.login.done")
                : approval(code.purpose()).decide(code, openid);
        repository.recordScan(
                scene, openid, verdict.accepted() ? LoginCode.Outcome.ACCEPTED : LoginCode.Outcome.REFUSED, now);
        return texts.text(verdict.replyKey());
    }

    private String next(LoginCode.Purpose purpose) {
        return purpose == LoginCode.Purpose.VISITOR ? "/my" : approval(purpose).next();
    }

    private LoginApproval approval(LoginCode.Purpose purpose) {
        return approvals.stream()
                .filter(a -> a.purpose() == purpose)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no LoginApproval for " + purpose));
    }

    @Override
    public String what() {
        return "login codes older than a day";
    }

    /** Forgets the codes created more than {@link #KEEP} before {@code now}, long after any expired. */
    @Override
    public int prune(Instant now) {
        return repository.deleteCreatedBefore(now.minus(KEEP));
    }

    /** What the login page learns by polling: {@code state}, a sentence, and where to go next. */
    public record LoginStatus(String state, String message, String next) {}
}
