package com.wxqr.app.quote;

import com.wxqr.app.profile.AuthorizationStates;
import com.wxqr.app.profile.AvatarCopier;
import com.wxqr.app.profile.CardOpenings;
import com.wxqr.app.profile.InWeChatRule;
import com.wxqr.app.profile.ProfileProperties;
import com.wxqr.app.profile.WeChatUsers;
import com.wxqr.app.web.NotFoundException;
import com.wxqr.app.web.PublicUrl;
import com.wxqr.mp.api.OAuthScope;
import com.wxqr.mp.api.OAuthToken;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatException;
import com.wxqr.mp.api.WebUserProfile;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The shared quote page {@code /q/{publicId}}: the quote with its owner's nickname and avatar.
 * Opened inside WeChat while the owner's profile is unknown or older than
 * {@code wxqr.profile.refresh-after}, it first asks WeChat silently who is reading
 * ({@code snsapi_base}); only when the reader is the owner does it ask for their profile
 * ({@code snsapi_userinfo}), so friends the link is shared with are never asked for theirs. The
 * profile is stored, and the avatar image copied, only from a real (not snapshot) authorization of
 * the owner, and then shown to anyone with the link. A snapshot-page authorization (快照页) stores
 * nothing; the page says how to continue (使用完整服务) and offers authorization again.
 *
 * <p>Each {@code state} is a random single-use value stored in the database
 * ({@link AuthorizationStates}) and bound to this browser by a random nonce in an HttpOnly cookie,
 * so WeChat's redirect back may land on any instance and no HTTP session is needed. A browser is
 * sent to authorization by a page view at most once per quote while its state lives. "Inside
 * WeChat" means a {@code MicroMessenger} user agent, or what an {@link InWeChatRule} bean accepts.
 */
@Controller
class QuotePageController {
    private static final Logger log = LoggerFactory.getLogger(QuotePageController.class);

    /** The cookie carrying the browser's nonce; its SHA-256 is stored with each state. */
    static final String BROWSER_COOKIE = "wxqr_oauth";

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final Quotes quotes;
    private final WeChatUsers users;
    private final AvatarCopier avatars;
    private final AuthorizationStates states;
    private final WeChatClient weChat;
    private final PublicUrl publicUrl;
    private final ProfileProperties properties;
    private final Clock clock;
    private final List<InWeChatRule> inWeChatRules;
    private final CardOpenings openings;

    QuotePageController(
            Quotes quotes,
            WeChatUsers users,
            AvatarCopier avatars,
            AuthorizationStates states,
            WeChatClient weChat,
            PublicUrl publicUrl,
            ProfileProperties properties,
            Clock clock,
            List<InWeChatRule> inWeChatRules,
            CardOpenings openings) {
        this.quotes = quotes;
        this.users = users;
        this.avatars = avatars;
        this.states = states;
        this.weChat = weChat;
        this.publicUrl = publicUrl;
        this.properties = properties;
        this.clock = clock;
        this.inWeChatRules = List.copyOf(inWeChatRules);
        this.openings = openings;
    }

    @GetMapping("/q/{publicId}")
    String page(
            @PathVariable String publicId,
            @RequestParam(required = false) String snapshot,
            @RequestHeader(value = "User-Agent", required = false) String userAgent,
            @RequestHeader(value = "Referer", required = false) String referer,
            @CookieValue(value = BROWSER_COOKIE, required = false) String browserCookie,
            HttpServletResponse response,
            Model model) {
        Quote quote = quotes.find(publicId).orElseThrow(NotFoundException::new);
        String owner = owner(publicId);
        WeChatUsers.Profile profile = owner == null ? WeChatUsers.Profile.UNKNOWN : users.profile(owner);
        if (insideWeChat(userAgent, referer)) {
            openings.record(publicId); // the card opened in WeChat: a stage of the owner's lead
        }
        boolean snapshotPage = snapshot != null;
        String nonce = validNonce(browserCookie);
        if (owner != null
                && !snapshotPage
                && profile.needsRefresh(clock.instant(), properties.refreshAfter())
                && insideWeChat(userAgent, referer)
                && (nonce == null || !states.attempted(nonce, publicId))) {
            return authorize(nonce, response, publicId, OAuthScope.BASE);
        }
        model.addAttribute("quote", quote);
        model.addAttribute("owned", owner != null);
        model.addAttribute("profile", profile);
        model.addAttribute(
                "avatarPath",
                profile.hasAvatar()
                        ? "/q/" + publicId + "/avatar?v=" + profile.updatedAt().toEpochMilli()
                        : null);
        model.addAttribute("snapshot", snapshotPage);
        return "quote/shared";
    }

    /** The page's "authorize again" link after a snapshot page: asks for the profile directly. */
    @GetMapping("/q/{publicId}/authorize")
    String authorizeAgain(
            @PathVariable String publicId,
            @CookieValue(value = BROWSER_COOKIE, required = false) String browserCookie,
            HttpServletResponse response) {
        if (quotes.find(publicId).isEmpty()) {
            throw new NotFoundException();
        }
        return authorize(validNonce(browserCookie), response, publicId, OAuthScope.USERINFO);
    }

    /** Our copy of the owner's avatar (copied at authorization), so the page survives an avatar change. */
    @GetMapping("/q/{publicId}/avatar")
    ResponseEntity<byte[]> avatar(@PathVariable String publicId) {
        String owner = owner(publicId);
        AvatarCopier.Avatar avatar = owner == null ? null : users.avatar(owner).orElse(null);
        if (avatar == null) {
            throw new NotFoundException();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(avatar.contentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(30)))
                .header("X-Content-Type-Options", "nosniff")
                .body(avatar.bytes());
    }

    /** Where WeChat sends the browser back with {@code code} (absent when the user declined) and {@code state}. */
    @GetMapping("/oauth/wechat")
    String authorized(
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String state,
            @CookieValue(value = BROWSER_COOKIE, required = false) String browserCookie,
            HttpServletResponse response) {
        String nonce = validNonce(browserCookie);
        String publicId = states.peek(state, nonce).orElseThrow(BadStateException::new);
        if (code == null || code.isBlank()) {
            states.consume(state, nonce);
            return "redirect:/q/" + publicId;
        }
        try {
            OAuthToken token = weChat.exchangeCode(code);
            if (token.snapshotUser()) {
                // a snapshot page: the openid and profile are virtual; the page says how to continue. The
                // state stays unused: 使用完整服务 re-enters this same authorization once the user consents.
                return "redirect:/q/" + publicId + "?snapshot";
            }
            if (states.consume(state, nonce).isEmpty()) {
                throw new BadStateException(); // used concurrently by a replay
            }
            String owner = owner(publicId);
            if (!token.openid().equals(owner)) {
                // someone the owner shared the link with: their identity is not needed, their profile never asked
            } else if (!token.scope().contains(OAuthScope.USERINFO.wireName())) {
                if (users.profile(owner).needsRefresh(clock.instant(), properties.refreshAfter())) {
                    return authorize(nonce, response, publicId, OAuthScope.USERINFO);
                }
            } else {
                learnProfile(owner, token);
            }
        } catch (WeChatException e) {
            log.warn("web authorization did not yield a profile: {}", e.getMessage());
        }
        return "redirect:/q/" + publicId;
    }

    /** A new state for this browser (a new nonce cookie when it has none) and a redirect to WeChat's authorization. */
    private String authorize(String nonce, HttpServletResponse response, String publicId, OAuthScope scope) {
        String browser = nonce == null ? AuthorizationStates.newBrowserNonce() : nonce;
        // renewed with each state, so the cookie lives as long as the newest state
        response.addHeader(HttpHeaders.SET_COOKIE, browserCookie(browser).toString());
        String state = states.issue(browser, publicId);
        return "redirect:" + weChat.authorizeUrl(publicUrl.resolve("/oauth/wechat"), scope, state);
    }

    private void learnProfile(String owner, OAuthToken token) {
        WebUserProfile profile = weChat.webUserInfo(token);
        String imageUrl = safeImageUrl(profile.headImgUrl());
        avatars.copy(imageUrl).ifPresent(avatar -> users.storeAvatar(owner, avatar, clock.instant()));
        users.updateProfile(owner, profile.nickname(), imageUrl, clock.instant());
    }

    private String owner(String publicId) {
        return quotes.progress(publicId).map(Progress::ownerOpenid).orElse(null);
    }

    private static String safeImageUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private boolean insideWeChat(String userAgent, String referer) {
        return (userAgent != null && userAgent.contains("MicroMessenger"))
                || inWeChatRules.stream().anyMatch(rule -> rule.matches(userAgent, referer));
    }

    private static String validNonce(String cookie) {
        return cookie != null && NONCE.matcher(cookie).matches() ? cookie : null;
    }

    /** Lives as long as the newest state; SameSite=Lax lets it come along on WeChat's redirect back. */
    private ResponseCookie browserCookie(String nonce) {
        return publicUrl.cookie(BROWSER_COOKIE, nonce, states.expiry());
    }

    /**
     * The authorization callback came without a state this browser was given, or with one already
     * used or expired: refused (CSRF, replay).
     */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
    static final class BadStateException extends RuntimeException {
        BadStateException() {
            super("web authorization state is unknown, used, expired or not this browser's", null, false, false);
        }
    }
}
