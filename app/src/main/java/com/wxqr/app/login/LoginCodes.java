package com.wxqr.app.login;

import com.wxqr.app.retention.Prunable;
import com.wxqr.app.scan.QrCodes;
import com.wxqr.app.system.UnguessableId;
import com.wxqr.app.web.ClientAddress;
import com.wxqr.app.web.PublicUrl;
import com.wxqr.app.web.Texts;
import com.wxqr.app.wechat.SceneOwner;
import com.wxqr.mp.Article;
import com.wxqr.mp.api.QrRequest;
import com.wxqr.mp.api.QrTicket;
import com.wxqr.mp.api.WeChatClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Login QR codes for browsers: {@link #issue} creates one ({@code QR_STR_SCENE}, valid for
 * {@code wxqr.login.code-expiry}) bound to the asking browser by a random key in a cookie, with
 * the browser's User-Agent and network address. A scan only asks: the first scanner gets a news
 * card (在电脑上登录「…」？) opening {@link LoginConfirmController}'s page on their phone, and only
 * their 确认登录 there logs the browser in; {@link #status} tells the browser what became of its
 * code, starting its session once. Invitations are decided by the inviter instead. Everything
 * lives in the database, so the page may poll any instance.
 */
@Service
public class LoginCodes implements Prunable {
    static final String BROWSER_COOKIE = "wxqr_login";
    /** A code this close to expiry is not reused for a new page view. */
    private static final Duration REUSE_MARGIN = Duration.ofSeconds(60);
    /** How long a login code is kept after it was created. */
    static final Duration KEEP = Duration.ofDays(1);
    /** How long after the scan an inviter may still approve an invitation. */
    public static final Duration INVITATION_WINDOW = Duration.ofHours(1);

    private final LoginCodeRepository repository;
    private final Sessions sessions;
    private final LoginProperties properties;
    private final WeChatClient weChat;
    private final QrCodes qrCodes;
    private final List<LoginApproval> approvals;
    private final PublicUrl publicUrl;
    private final Texts texts;
    private final Clock clock;
    private final ZoneId zone;

    LoginCodes(
            LoginCodeRepository repository,
            Sessions sessions,
            LoginProperties properties,
            WeChatClient weChat,
            QrCodes qrCodes,
            List<LoginApproval> approvals,
            PublicUrl publicUrl,
            Texts texts,
            Clock clock,
            ZoneId zone) {
        this.repository = repository;
        this.sessions = sessions;
        this.properties = properties;
        this.weChat = weChat;
        this.qrCodes = qrCodes;
        this.approvals = List.copyOf(approvals);
        this.publicUrl = publicUrl;
        this.texts = texts;
        this.clock = clock;
        this.zone = zone;
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
                && current.get().openid() == null
                && current.get().outcome() == null
                && Objects.equals(current.get().requestedBy(), requestedBy)
                && current.get().isValidAt(now.plus(REUSE_MARGIN))) {
            return current.get();
        }
        String address = ClientAddress.of(request);
        qrCodes.countNewCode(address); // shares the quote codes' per-client limit
        String scene = LoginCode.SCENE_PREFIX + UnguessableId.nextAlphanumeric();
        QrTicket ticket = weChat.createQrCode(QrRequest.temporary(scene, properties.codeExpiry()));
        String browserKey = UnguessableId.next();
        LoginCode code = new LoginCode(
                scene,
                purpose,
                requestedBy,
                ticket.url(),
                ticket.expiresAt(),
                now,
                null,
                null,
                null,
                request.getHeader("User-Agent"),
                address,
                null);
        repository.insert(code, UnguessableId.hash(browserKey), ticket.ticket());
        sessions.setCookie(response, BROWSER_COOKIE, browserKey, properties.codeExpiry());
        return code;
    }

    /** The latest code shown to this browser, whatever its state. */
    public Optional<LoginCode> current(HttpServletRequest request) {
        return Sessions.cookie(request, BROWSER_COOKIE).flatMap(key -> repository.latestFor(UnguessableId.hash(key)));
    }

    /**
     * What became of this browser's latest code. The first call after the scanner confirmed starts
     * the session: an admin session for the admin area's codes, a visitor's otherwise. Invitations
     * log nobody in; once scanned they send the inviter to approve.
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
        if (code.outcome() == LoginCode.Outcome.CANCELLED) {
            return new LoginStatus("cancelled", texts.text("login.status.cancelled"), null);
        }
        if (code.purpose() == LoginCode.Purpose.INVITE) {
            return code.outcome() == LoginCode.Outcome.ACCEPTED
                    ? new LoginStatus("accepted", texts.text("login.status.invite.approved"), next(code.purpose()))
                    : code.openid() != null
                            ? new LoginStatus(
                                    "pending", texts.text("login.status.invite.pending"), next(code.purpose()))
                            : waitingOrExpired(code);
        }
        if (code.outcome() == LoginCode.Outcome.ACCEPTED) {
            if (code.usedAt() != null || !repository.use(code.sceneStr(), clock.instant())) {
                return new LoginStatus("used", texts.text("login.status.used"), null); // taken by an earlier poll
            }
            sessions.start(
                    code.openid(),
                    code.purpose() == LoginCode.Purpose.VISITOR ? Sessions.Kind.VISITOR : Sessions.Kind.ADMIN,
                    request,
                    response);
            return new LoginStatus("accepted", texts.text("login.status.accepted"), next(code.purpose()));
        }
        if (code.openid() != null && code.isValidAt(clock.instant())) {
            return new LoginStatus("scanned", texts.text("login.status.scanned"), null);
        }
        return waitingOrExpired(code);
    }

    private LoginStatus waitingOrExpired(LoginCode code) {
        if (!code.isValidAt(clock.instant())) {
            return new LoginStatus("expired", texts.text("login.status.expired"), null);
        }
        return new LoginStatus("waiting", texts.text("login.status.waiting"), null);
    }

    /**
     * Answers a scan of a login code, in the push's transaction. The first scanner of a valid code
     * gets the confirmation card (an invitation's: a text saying the inviter decides); a refused
     * scanner, a later scanner or a late one a text.
     */
    SceneOwner.Answer scanned(String scene, String openid) {
        Optional<LoginCode> found = repository.byScene(scene);
        if (found.isEmpty()) {
            return SceneOwner.Answer.text(texts.text("wechat.login.unknown"));
        }
        LoginCode code = found.get();
        Instant now = clock.instant();
        if (code.openid() != null) {
            if (!openid.equals(code.openid())) {
                return SceneOwner.Answer.text(texts.text("wechat.login.used"));
            }
            if (code.outcome() == null && code.isValidAt(now)) { // the same scanner again: the same question
                return firstScanAnswer(code);
            }
            return SceneOwner.Answer.text(
                    code.outcome() == LoginCode.Outcome.ACCEPTED
                            ? texts.text("wechat.login.done")
                            : texts.text("wechat.login.used"));
        }
        if (code.outcome() != null) {
            return SceneOwner.Answer.text(texts.text("wechat.login.used"));
        }
        if (!code.isValidAt(now)) {
            return SceneOwner.Answer.text(texts.text("wechat.login.expired"));
        }
        String refusal = code.purpose() == LoginCode.Purpose.VISITOR
                ? null
                : approval(code.purpose()).refuseScan(code, openid);
        if (refusal != null) {
            repository.refuseScan(scene, openid, now);
            return SceneOwner.Answer.text(texts.text(refusal));
        }
        if (!repository.claimScan(scene, openid, now)) {
            return SceneOwner.Answer.text(texts.text("wechat.login.used")); // another scanner was first
        }
        return firstScanAnswer(code);
    }

    private SceneOwner.Answer firstScanAnswer(LoginCode code) {
        return code.purpose() == LoginCode.Purpose.INVITE
                ? SceneOwner.Answer.text(texts.text("wechat.admin.invitePending"))
                : SceneOwner.Answer.card(code.sceneStr());
    }

    /**
     * The card a scanner of {@code scene} gets: 在电脑上登录「site」？ naming the browser, its
     * address and the time, linking to the confirmation page.
     */
    Article card(String scene) {
        LoginCode code = repository.byScene(scene).orElseThrow();
        String site = texts.text(code.purpose() == LoginCode.Purpose.VISITOR ? "app.name" : "admin.name");
        String when = DateTimeFormatter.ofPattern("MM-dd HH:mm")
                .format(code.createdAt().atZone(zone));
        return new Article(
                texts.text("wechat.login.card.title", site),
                texts.text(
                        "wechat.login.card.description",
                        code.browser().toString(),
                        nullToUnknown(code.requestedFrom()),
                        when),
                "",
                publicUrl.resolve("/login/confirm/" + scene).toString());
    }

    private static String nullToUnknown(String address) {
        return address == null ? "未知" : address;
    }

    /** The code of {@code scene}, whatever its state. */
    public Optional<LoginCode> byScene(String scene) {
        return repository.byScene(scene);
    }

    /** Invitations by {@code inviter} that someone scanned and the inviter has not decided yet. */
    public List<LoginCode> pendingInvitations(String inviter) {
        return repository.pendingInvitations(inviter, clock.instant().minus(INVITATION_WINDOW));
    }

    /**
     * The inviter's decision on a scanned invitation, once (in the caller's transaction): the code
     * as it was when it was decided now, or empty when it was decided before, is not theirs, was
     * not scanned or is too old.
     */
    public Optional<LoginCode> decideInvitation(String scene, String inviter, boolean approve) {
        Instant now = clock.instant();
        if (!repository.decideInvitation(
                scene,
                inviter,
                approve ? LoginCode.Outcome.ACCEPTED : LoginCode.Outcome.REFUSED,
                now.minus(INVITATION_WINDOW),
                now)) {
            return Optional.empty();
        }
        return repository.byScene(scene);
    }

    private String next(LoginCode.Purpose purpose) {
        return purpose == LoginCode.Purpose.VISITOR ? "/my" : approval(purpose).next();
    }

    LoginApproval approval(LoginCode.Purpose purpose) {
        return approvals.stream()
                .filter(a -> a.purpose() == purpose)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no LoginApproval for " + purpose));
    }

    @Override
    public String what() {
        return "old login codes";
    }

    /** Forgets the codes created more than {@link #KEEP} before {@code now}, long after any expired. */
    @Override
    public int prune(Instant now) {
        return repository.deleteCreatedBefore(now.minus(KEEP));
    }

    /** What the login page learns by polling: {@code state}, a sentence, and where to go next. */
    public record LoginStatus(String state, String message, String next) {}
}
