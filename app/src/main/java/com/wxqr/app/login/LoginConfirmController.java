package com.wxqr.app.login;

import com.wxqr.app.system.UnguessableId;
import com.wxqr.app.web.PublicUrl;
import com.wxqr.mp.api.OAuthScope;
import com.wxqr.mp.api.OAuthToken;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The scanner's confirmation page, opened from the card in WeChat: {@code /login/confirm/{scene}}.
 * It first learns who is reading with a silent {@code snsapi_base} web authorization and goes on
 * only when that openid is the scanner's; then it names the browser that asked (browser and
 * system from its User-Agent), the time and the network address, and offers 确认登录 and 取消.
 *
 * <p>CSRF and replay: the authorization's state is random, single use (used up even when the code
 * exchange fails) and must come back with the same value in this browser's cookie. After the check
 * the page's cookie holds a new random token whose hash is bound to the code; the forms carry the
 * token as well and must match the cookie (SameSite=Lax: not sent on another site's POST). A
 * decision uses the token up, is taken once per code and only before the code expires.
 */
@Controller
class LoginConfirmController {
    private static final Logger log = LoggerFactory.getLogger(LoginConfirmController.class);
    static final String COOKIE = "wxqr_confirm";
    static final String PATH = "/login/confirm";
    private static final Duration COOKIE_LIFE = Duration.ofMinutes(30);
    private static final Pattern SCENE = Pattern.compile(LoginCode.SCENE_PREFIX + "[A-Za-z0-9]{1,56}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private final LoginCodeRepository repository;
    private final LoginCodes codes;
    private final WeChatClient weChat;
    private final PublicUrl publicUrl;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ZoneId zone;

    LoginConfirmController(
            LoginCodeRepository repository,
            LoginCodes codes,
            WeChatClient weChat,
            PublicUrl publicUrl,
            TransactionTemplate transactions,
            Clock clock,
            ZoneId zone) {
        this.repository = repository;
        this.codes = codes;
        this.weChat = weChat;
        this.publicUrl = publicUrl;
        this.transactions = transactions;
        this.clock = clock;
        this.zone = zone;
    }

    @GetMapping(PATH + "/{scene}")
    String page(@PathVariable String scene, HttpServletRequest request, HttpServletResponse response, Model model) {
        LoginCode code = open(scene).orElse(null);
        if (code == null) {
            return outcome("login.confirm.gone", response, 404, model);
        }
        Optional<String> token =
                Sessions.cookie(request, COOKIE).filter(t -> TOKEN.matcher(t).matches());
        if (token.isPresent() && repository.phoneBound(scene, UnguessableId.hash(token.get()))) {
            model.addAttribute("code", code);
            model.addAttribute("browser", code.browser());
            model.addAttribute("requestedAt", LocalDateTime.ofInstant(code.createdAt(), zone));
            model.addAttribute("site", code.purpose() == LoginCode.Purpose.VISITOR ? "app.name" : "admin.name");
            model.addAttribute("token", token.get());
            return "login/confirm";
        }
        // who is reading? a silent snsapi_base authorization; its state also goes into this browser's cookie
        String state = UnguessableId.nextAlphanumeric();
        if (!repository.startAuthorization(scene, state)) {
            return outcome("login.confirm.gone", response, 404, model);
        }
        setCookie(response, state, COOKIE_LIFE);
        return "redirect:" + weChat.authorizeUrl(publicUrl.resolve(PATH + "/oauth"), OAuthScope.BASE, state);
    }

    /** WeChat's redirect back: {@code code} (absent when refused) and our {@code state}. */
    @GetMapping(PATH + "/oauth")
    String authorized(
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String state,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        String cookie = Sessions.cookie(request, COOKIE).orElse(null);
        if (state == null || state.length() > 64 || !state.equals(cookie)) {
            return outcome("login.confirm.badState", response, 400, model);
        }
        LoginCode login = repository.takeAuthorization(state).orElse(null); // used up, whatever follows
        if (login == null) {
            return outcome("login.confirm.badState", response, 400, model);
        }
        if (code == null || code.isBlank()) {
            return outcome("login.confirm.notAuthorized", response, 403, model);
        }
        OAuthToken token;
        try {
            token = weChat.exchangeCode(code);
        } catch (WeChatException e) {
            log.warn("login confirmation: web authorization failed: {}", e.getMessage());
            return outcome("login.confirm.notAuthorized", response, 403, model);
        }
        if (token.snapshotUser() || !token.openid().equals(login.openid())) {
            // not the scanner (the link was forwarded), or a virtual user: nothing is shown or decided
            return outcome("login.confirm.notScanner", response, 403, model);
        }
        String phoneToken = UnguessableId.next();
        repository.bindPhone(login.sceneStr(), UnguessableId.hash(phoneToken));
        setCookie(response, phoneToken, COOKIE_LIFE);
        return "redirect:" + PATH + "/" + login.sceneStr();
    }

    /** 确认登录 ({@code decision=confirm}) or 取消 ({@code decision=cancel}). */
    @PostMapping(PATH + "/{scene}")
    String decide(
            @PathVariable String scene,
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String decision,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        String cookie = Sessions.cookie(request, COOKIE).orElse(null);
        boolean confirm = "confirm".equals(decision);
        if (!SCENE.matcher(scene).matches()
                || token == null
                || !token.equals(cookie)
                || !TOKEN.matcher(token).matches()
                || !(confirm || "cancel".equals(decision))) {
            return outcome("login.confirm.badState", response, 400, model);
        }
        String result = transactions.execute(s -> {
            LoginCode code = repository.byScene(scene).orElse(null);
            if (code == null
                    || code.purpose() == LoginCode.Purpose.INVITE
                    || !repository.decideByPhone(
                            scene,
                            UnguessableId.hash(token),
                            confirm ? LoginCode.Outcome.ACCEPTED : LoginCode.Outcome.CANCELLED,
                            clock.instant())) {
                return "login.confirm.gone";
            }
            if (!confirm) {
                return "login.confirm.cancelled";
            }
            if (code.purpose() != LoginCode.Purpose.VISITOR
                    && !codes.approval(code.purpose()).confirm(code, code.openid())) {
                repository.refuseConfirmed(scene);
                return "login.confirm.refused." + code.purpose().name().toLowerCase(java.util.Locale.ROOT);
            }
            return "login.confirm.done";
        });
        setCookie(response, "", Duration.ZERO);
        return outcome(result, response, result.equals("login.confirm.gone") ? 409 : 200, model);
    }

    private Optional<LoginCode> open(String scene) {
        if (!SCENE.matcher(scene).matches()) {
            return Optional.empty();
        }
        return repository
                .byScene(scene)
                .filter(c -> c.purpose() != LoginCode.Purpose.INVITE)
                .filter(c -> c.openid() != null && c.outcome() == null && c.isValidAt(clock.instant()));
    }

    private static String outcome(String messageKey, HttpServletResponse response, int status, Model model) {
        response.setStatus(status);
        model.addAttribute("message", messageKey);
        return "login/confirmed";
    }

    private void setCookie(HttpServletResponse response, String value, Duration maxAge) {
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                ResponseCookie.from(COOKIE, value)
                        .path(PATH)
                        .httpOnly(true)
                        .sameSite("Lax")
                        .secure(publicUrl.isHttps())
                        .maxAge(maxAge)
                        .build()
                        .toString());
    }
}
