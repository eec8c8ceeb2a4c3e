package com.wxqr.app.profile;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import com.wxqr.app.quote.Progress;
import com.wxqr.app.quote.Quote;
import com.wxqr.app.quote.Quotes;
import com.wxqr.app.demo.DemoEmulator;
import com.wxqr.app.system.NotFoundException;
import com.wxqr.app.system.PublicUrl;
import com.wxqr.app.system.UnguessableId;
import com.wxqr.mp.api.OAuthScope;
import com.wxqr.mp.api.OAuthToken;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatException;
import com.wxqr.mp.api.WebUserProfile;

/**
 * The shared quote page {@code /q/{publicId}}: the quote with its owner's nickname and avatar.
 * Opened inside WeChat while the owner's profile is unknown, it first goes through web
 * authorization ({@code snsapi_userinfo}) with a random {@code state} kept in the browser's session;
 * the profile is stored only when the authorizing user is the owner, and then shown to anyone
 * with the link. Each browser session is sent to authorization at most once per quote. "Inside
 * WeChat" means a {@code MicroMessenger} user agent, or what an {@link InWeChatRule} bean accepts.
 */
@Controller
class QuotePageController {
    private static final Logger log = LoggerFactory.getLogger(QuotePageController.class);
    private static final String STATE_PREFIX = "oauth.state.";
    private static final String ATTEMPTED = "oauth.attempted";

    private final Quotes quotes;
    private final WeChatUsers users;
    private final WeChatClient weChat;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final List<InWeChatRule> inWeChatRules;
    private final CardOpenings openings;

    QuotePageController(Quotes quotes, WeChatUsers users, WeChatClient weChat, PublicUrl publicUrl, Clock clock,
            List<InWeChatRule> inWeChatRules, CardOpenings openings) {
        this.quotes = quotes;
        this.users = users;
        this.weChat = weChat;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.inWeChatRules = List.copyOf(inWeChatRules);
        this.openings = openings;
    }

    @GetMapping("/q/{publicId}")
    String page(@PathVariable String publicId, @RequestHeader(value = "User-Agent", required = false) String userAgent,
            @RequestHeader(value = "Referer", required = false) String referer, HttpSession session, Model model) {
        Quote quote = quotes.find(publicId).orElseThrow(NotFoundException::new);
        String owner = quotes.progress(publicId).map(Progress::ownerOpenid).orElse(null);
        WeChatUsers.Profile profile = owner == null ? new WeChatUsers.Profile(null, null) : users.profile(owner);
        if (insideWeChat(userAgent, referer)) {
            openings.record(publicId); // the card opened in WeChat: a stage of the owner's lead
        }
        if (owner != null && !profile.isKnown() && insideWeChat(userAgent, referer) && firstAttempt(session, publicId)) {
            String state = UnguessableId.nextAlphanumeric();
            session.setAttribute(STATE_PREFIX + state, publicId);
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
            HttpSession session) {
        String publicId = state == null ? null : (String) session.getAttribute(STATE_PREFIX + state);
        if (publicId == null) {
            throw new BadStateException();
        }
        session.removeAttribute(STATE_PREFIX + state);
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

    @SuppressWarnings("unchecked")
    private static boolean firstAttempt(HttpSession session, String publicId) {
        Set<String> attempted = (Set<String>) session.getAttribute(ATTEMPTED);
        if (attempted == null) {
            attempted = new HashSet<>();
        }
        boolean first = attempted.add(publicId);
        session.setAttribute(ATTEMPTED, attempted);
        return first;
    }

    /** The authorization callback came without a state this browser was given: refused (CSRF). */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
    static final class BadStateException extends RuntimeException {
        BadStateException() {
            super("web authorization state does not belong to this browser", null, false, false);
        }
    }
}
