package com.wxqr.app.quote;

import com.wxqr.app.login.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * 我的报价 ({@code /my}): the quotes whose owner is the logged-in visitor (they scanned the quote's
 * code first), newest first, each linking to its shared page. The chat's 我的报价 answers from the
 * same {@link Quotes#ownedBy}.
 */
@Controller
class MyQuotesController {
    /** The most quotes 我的报价 lists (the newest). */
    static final int LISTED = 100;

    private final Sessions sessions;
    private final Quotes quotes;
    private final ZoneId zone;

    MyQuotesController(Sessions sessions, Quotes quotes, ZoneId zone) {
        this.sessions = sessions;
        this.quotes = quotes;
        this.zone = zone;
    }

    @GetMapping("/my")
    String mine(HttpServletRequest request, Model model) {
        String openid = sessions.openid(request).orElse(null);
        if (openid == null) {
            return "redirect:/login";
        }
        model.addAttribute("quotes", quotes.ownedBy(openid, LISTED));
        model.addAttribute("zone", zone);
        return "quote/mine";
    }
}
