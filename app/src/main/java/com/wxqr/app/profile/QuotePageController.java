package com.wxqr.app.profile;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import com.wxqr.app.quote.Progress;
import com.wxqr.app.quote.Quote;
import com.wxqr.app.quote.Quotes;
import com.wxqr.app.system.DemoEmulator;
import com.wxqr.app.system.NotFoundException;
import com.wxqr.app.system.PublicUrl;
import com.wxqr.app.system.UnguessableId;
import com.wxqr.app.system.WeChatApi;
import com.wxqr.mp.api.OAuthScope;
import com.wxqr.mp.api.OAuthToken;
import com.wxqr.mp.api.WeChatApiException;
import com.wxqr.mp.api.WeChatTransportException;
import com.wxqr.mp.api.WebUserProfile;

/**
 * The shared quote page {@code /q/{publicId}}: the quote with its owner's nickname and avatar.
 * Opened inside WeChat while the owner's profile is unknown, it first goes through web
 * authorization ({@code snsapi_userinfo}) with a random {@code state} kept in the browser's session;
 * the profile is stored only when the authorizing user is the owner, and then shown to anyone
 * with the link. Each browser session is sent to authorization at most once per quote. "Inside
 * WeChat" means a {@code MicroMessenger} user agent, or in demo mode a link tapped on the emulator's
 * phone page.
 */
@Controller
class QuotePageController {
    private static final Logger log = LoggerFactory.getLogger(QuotePageController.class);
    private static final String STATE_PREFIX = "oauth.state.";
    private static final String ATTEMPTED = "oauth.attempted";

    private final Quotes quotes;
    private final WeChatUsers users;
    private final WeChatApi weChat;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final String demoPhoneOrigin;

    QuotePageController(Quotes quotes, WeChatUsers users, WeChatApi weChat, PublicUrl publicUrl, Clock clock,
            ObjectProvider<DemoEmulator> demo) {
        this.quotes = quotes;
        this.users = users;
        this.weChat = weChat;
        this.publicUrl = publicUrl;
        this.clock = clock;
        DemoEmulator emulator = demo.getIfAvailable();
        this.demoPhoneOrigin = emulator == null ? null : emulator.emulator().baseUrl().toString();
    }

    @GetMapping("/q/{id}")
    String page(@PathVariable String id, @RequestHeader(value = "User-Agent", required = false) String userAgent,
            @RequestHeader(value = "Referer", required = false) String referer, HttpSession session, Model model) {
        Quote quote = quotes.find(id).orElseThrow(NotFoundException::new);
        String owner = quotes.progress(id).map(Progress::ownerOpenid).orElse(null);
        WeChatUsers.Profile profile = owner == null ? new WeChatUsers.Profile(null, null) : users.profile(owner);
        if (owner != null && !profile.isKnown() && (insideWeChat(userAgent) || fromDemoPhone(referer)) && firstAttempt(session, id)) {
            String state = UnguessableId.nextAlphanumeric();
            session.setAttribute(STATE_PREFIX + state, id);
            return "redirect:" + weChat.client().authorizeUrl(publicUrl.resolve("/oauth/wechat"), OAuthScope.USERINFO,
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
        String quoteId = state == null ? null : (String) session.getAttribute(STATE_PREFIX + state);
        if (quoteId == null) {
            throw new BadStateException();
        }
        session.removeAttribute(STATE_PREFIX + state);
        if (code != null && !code.isBlank()) {
            learnProfile(code, quoteId);
        }
        return "redirect:/q/" + quoteId;
    }

    private void learnProfile(String code, String quoteId) {
        try {
            OAuthToken token = weChat.call("sns/oauth2/access_token", c -> c.exchangeCode(code));
            if (token.snapshotUser()) {
                return; // a snapshot-page visitor: its data is virtual
            }
            String owner = quotes.progress(quoteId).map(Progress::ownerOpenid).orElse(null);
            if (!token.openid().equals(owner)) {
                return; // someone the owner shared the link with: not the profile this page shows
            }
            WebUserProfile profile = weChat.call("sns/userinfo", c -> c.webUserInfo(token));
            users.updateProfile(owner, profile.nickname(), safeImageUrl(profile.headImgUrl()), clock.instant());
        } catch (WeChatApiException | WeChatTransportException e) {
            log.warn("web authorization did not yield a profile: {}", e.getMessage());
        }
    }

    private static String safeImageUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static boolean insideWeChat(String userAgent) {
        return userAgent != null && userAgent.contains("MicroMessenger");
    }

    /** In demo mode, a link tapped on the emulator's phone page counts as opened inside WeChat. */
    private boolean fromDemoPhone(String referer) {
        return demoPhoneOrigin != null && referer != null && referer.startsWith(demoPhoneOrigin);
    }

    @SuppressWarnings("unchecked")
    private static boolean firstAttempt(HttpSession session, String quoteId) {
        Set<String> attempted = (Set<String>) session.getAttribute(ATTEMPTED);
        if (attempted == null) {
            attempted = new HashSet<>();
        }
        boolean first = attempted.add(quoteId);
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
