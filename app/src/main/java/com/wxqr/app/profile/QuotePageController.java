package com.wxqr.app.profile;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import com.wxqr.app.quote.Progress;
import com.wxqr.app.quote.Quote;
import com.wxqr.app.quote.Quotes;
import com.wxqr.app.system.NotFoundException;
import com.wxqr.app.system.PublicUrl;
import com.wxqr.mp.api.OAuthScope;
import com.wxqr.mp.api.OAuthToken;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatException;
import com.wxqr.mp.api.WebUserProfile;

/**
 * The shared quote page {@code /q/{publicId}}: the quote with its owner's nickname and avatar.
 * Opened inside WeChat while the owner's profile is unknown, it first goes through web
 * authorization ({@code snsapi_userinfo}) with a random single-use {@code state} stored in the
 * database ({@link AuthorizationStates}) and bound to this browser by a random nonce in an HttpOnly
 * cookie, so the redirect back may land on any instance and no HTTP session is needed. The profile
 * is stored only when the authorizing user is the owner, and then shown to anyone with the link.
 * A browser is sent to authorization at most once per quote while its state lives. "Inside
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
    private final AuthorizationStates states;
    private final WeChatClient weChat;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final List<InWeChatRule> inWeChatRules;

    QuotePageController(Quotes quotes, WeChatUsers users, AuthorizationStates states, WeChatClient weChat, PublicUrl publicUrl, Clock clock,
            List<InWeChatRule> inWeChatRules) {
        this.quotes = quotes;
        this.users = users;
        this.states = states;
        this.weChat = weChat;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.inWeChatRules = List.copyOf(inWeChatRules);
    }

    @GetMapping("/q/{publicId}")
    String page(@PathVariable String publicId, @RequestHeader(value = "User-Agent", required = false) String userAgent,
            @RequestHeader(value = "Referer", required = false) String referer,
            @CookieValue(value = BROWSER_COOKIE, required = false) String browserCookie, HttpServletResponse response,
            Model model) {
        Quote quote = quotes.find(publicId).orElseThrow(NotFoundException::new);
        String owner = quotes.progress(publicId).map(Progress::ownerOpenid).orElse(null);
        WeChatUsers.Profile profile = owner == null ? new WeChatUsers.Profile(null, null) : users.profile(owner);
        String nonce = validNonce(browserCookie);
        if (owner != null && !profile.isKnown() && insideWeChat(userAgent, referer)
                && (nonce == null || !states.attempted(nonce, publicId))) {
            if (nonce == null) {
                nonce = AuthorizationStates.newBrowserNonce();
            }
            // renewed with each state, so the cookie lives as long as the newest state
            response.addHeader(HttpHeaders.SET_COOKIE, browserCookie(nonce).toString());
            String state = states.issue(nonce, publicId);
            return "redirect:" + weChat.authorizeUrl(publicUrl.resolve("/oauth/wechat"), OAuthScope.USERINFO,
                    state);
        }
        model.addAttribute("quote", quote);
        model.addAttribute("owned", owner != null);
        model.addAttribute("profile", profile);
        return "profile/quote";
    }

    /** Where WeChat sends the browser back with {@code code} (absent when the user declined) and {@code state}. */
    @GetMapping("/oauth/wechat")
    String authorized(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
            @CookieValue(value = BROWSER_COOKIE, required = false) String browserCookie) {
        String publicId = states.consume(state, validNonce(browserCookie)).orElseThrow(BadStateException::new);
        if (code != null && !code.isBlank()) {
            learnProfile(code, publicId);
        }
        return "redirect:/q/" + publicId;
    }

    private void learnProfile(String code, String publicId) {
        try {
            OAuthToken token = weChat.exchangeCode(code);
            if (token.snapshotUser()) {
                return; // a snapshot-page visitor: its data is virtual
            }
            String owner = quotes.progress(publicId).map(Progress::ownerOpenid).orElse(null);
            if (!token.openid().equals(owner)) {
                return; // someone the owner shared the link with: not the profile this page shows
            }
            WebUserProfile profile = weChat.webUserInfo(token);
            users.updateProfile(owner, profile.nickname(), safeImageUrl(profile.headImgUrl()), clock.instant());
        } catch (WeChatException e) {
            log.warn("web authorization did not yield a profile: {}", e.getMessage());
        }
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

    /** HttpOnly, SameSite=Lax (sent on WeChat's top-level redirect back), Secure when the public URL is https. */
    private ResponseCookie browserCookie(String nonce) {
        return ResponseCookie.from(BROWSER_COOKIE, nonce).path("/").maxAge(states.expiry()).httpOnly(true)
                .sameSite("Lax").secure(publicUrl.base().startsWith("https://")).build();
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
