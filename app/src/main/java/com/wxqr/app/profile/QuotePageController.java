package com.wxqr.app.profile;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import com.wxqr.app.quote.Progress;
import com.wxqr.app.quote.Quote;
import com.wxqr.app.quote.Quotes;
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
 * Opened inside WeChat while the owner's profile is unknown or older than
 * {@code wxqr.profile.refresh-after}, it first asks WeChat silently who is reading
 * ({@code snsapi_base}); only when the reader is the owner does it ask for their profile
 * ({@code snsapi_userinfo}), so friends the link is shared with are never asked for theirs. The
 * profile is stored, and the avatar image copied, only from a real (not snapshot) authorization of
 * the owner, and then shown to anyone with the link. A snapshot-page authorization (快照页) stores
 * nothing; the page says how to continue (使用完整服务) and offers authorization again. Each
 * {@code state} is random and kept in the browser's session; each session is sent to authorization
 * by a page view at most once per quote and profile version. "Inside WeChat" means a {@code MicroMessenger} user agent,
 * or what an {@link InWeChatRule} bean accepts.
 */
@Controller
class QuotePageController {
    private static final Logger log = LoggerFactory.getLogger(QuotePageController.class);
    private static final String STATE_PREFIX = "oauth.state.";
    private static final String SNAPSHOT_PREFIX = "oauth.snapshot.";
    private static final String ATTEMPTED = "oauth.attempted";

    private final Quotes quotes;
    private final WeChatUsers users;
    private final AvatarCopier avatars;
    private final WeChatClient weChat;
    private final PublicUrl publicUrl;
    private final ProfileProperties properties;
    private final Clock clock;
    private final List<InWeChatRule> inWeChatRules;
    private final CardOpenings openings;

    QuotePageController(Quotes quotes, WeChatUsers users, AvatarCopier avatars, WeChatClient weChat, PublicUrl publicUrl,
            ProfileProperties properties, Clock clock, List<InWeChatRule> inWeChatRules, CardOpenings openings) {
        this.quotes = quotes;
        this.users = users;
        this.avatars = avatars;
        this.weChat = weChat;
        this.publicUrl = publicUrl;
        this.properties = properties;
        this.clock = clock;
        this.inWeChatRules = List.copyOf(inWeChatRules);
        this.openings = openings;
    }

    @GetMapping("/q/{publicId}")
    String page(@PathVariable String publicId, @RequestHeader(value = "User-Agent", required = false) String userAgent,
            @RequestHeader(value = "Referer", required = false) String referer, HttpSession session, Model model) {
        Quote quote = quotes.find(publicId).orElseThrow(NotFoundException::new);
        String owner = owner(publicId);
        WeChatUsers.Profile profile = owner == null ? WeChatUsers.Profile.UNKNOWN : users.profile(owner);
        if (insideWeChat(userAgent, referer)) {
            openings.record(publicId); // the card opened in WeChat: a stage of the owner's lead
        }
        boolean snapshot = session.getAttribute(SNAPSHOT_PREFIX + publicId) != null;
        if (owner != null && !snapshot && profile.needsRefresh(clock.instant(), properties.refreshAfter())
                && insideWeChat(userAgent, referer) && firstAttempt(session, publicId, profile)) {
            return authorize(session, publicId, OAuthScope.BASE);
        }
        model.addAttribute("quote", quote);
        model.addAttribute("owned", owner != null);
        model.addAttribute("profile", profile);
        model.addAttribute("avatarPath", profile.hasAvatar()
                ? "/q/" + publicId + "/avatar?v=" + profile.updatedAt().toEpochMilli() : null);
        model.addAttribute("snapshot", snapshot);
        return "profile/quote";
    }

    /** The page's "authorize again" link after a snapshot page: asks for the profile directly. */
    @GetMapping("/q/{publicId}/authorize")
    String authorizeAgain(@PathVariable String publicId, HttpSession session) {
        if (quotes.find(publicId).isEmpty()) {
            throw new NotFoundException();
        }
        session.removeAttribute(SNAPSHOT_PREFIX + publicId);
        return authorize(session, publicId, OAuthScope.USERINFO);
    }

    /** Our copy of the owner's avatar (copied at authorization), so the page survives an avatar change. */
    @GetMapping("/q/{publicId}/avatar")
    ResponseEntity<byte[]> avatar(@PathVariable String publicId) {
        String owner = owner(publicId);
        AvatarCopier.Avatar avatar = owner == null ? null : users.avatar(owner).orElse(null);
        if (avatar == null) {
            throw new NotFoundException();
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(avatar.contentType()))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(30)))
                .header("X-Content-Type-Options", "nosniff").body(avatar.bytes());
    }

    /** Where WeChat sends the browser back with {@code code} (absent when the user declined) and {@code state}. */
    @GetMapping("/oauth/wechat")
    String authorized(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
            HttpSession session) {
        String publicId = state == null ? null : (String) session.getAttribute(STATE_PREFIX + state);
        if (publicId == null) {
            throw new BadStateException();
        }
        if (code == null || code.isBlank()) {
            session.removeAttribute(STATE_PREFIX + state);
            return "redirect:/q/" + publicId;
        }
        try {
            OAuthToken token = weChat.exchangeCode(code);
            String owner = owner(publicId);
            if (token.snapshotUser()) {
                // a snapshot page: the openid and profile are virtual; the page says how to continue. The
                // state stays: 使用完整服务 re-enters this same authorization once the user consents.
                session.setAttribute(SNAPSHOT_PREFIX + publicId, true);
                return "redirect:/q/" + publicId;
            }
            session.removeAttribute(STATE_PREFIX + state);
            session.removeAttribute(SNAPSHOT_PREFIX + publicId);
            if (!token.openid().equals(owner)) {
                // someone the owner shared the link with: their identity is not needed, their profile never asked
            } else if (!token.scope().contains(OAuthScope.USERINFO.wireName())) {
                if (users.profile(owner).needsRefresh(clock.instant(), properties.refreshAfter())) {
                    return authorize(session, publicId, OAuthScope.USERINFO);
                }
            } else {
                learnProfile(owner, token);
            }
        } catch (WeChatException e) {
            log.warn("web authorization did not yield a profile: {}", e.getMessage());
        }
        return "redirect:/q/" + publicId;
    }

    private String authorize(HttpSession session, String publicId, OAuthScope scope) {
        String state = UnguessableId.nextAlphanumeric();
        session.setAttribute(STATE_PREFIX + state, publicId);
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

    /** Once per session, quote and profile version: a loop is impossible, a profile gone stale is asked for again. */
    @SuppressWarnings("unchecked")
    private static boolean firstAttempt(HttpSession session, String publicId, WeChatUsers.Profile profile) {
        Set<String> attempted = (Set<String>) session.getAttribute(ATTEMPTED);
        if (attempted == null) {
            attempted = new HashSet<>();
        }
        boolean first = attempted.add(publicId + "@" + (profile.updatedAt() == null ? "-" : profile.updatedAt().toEpochMilli()));
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
