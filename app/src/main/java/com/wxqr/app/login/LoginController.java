package com.wxqr.app.login;

import com.wxqr.app.quote.Quotes;
import com.wxqr.app.scan.QrImage;
import com.wxqr.app.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The visitor's login page ({@code /login}), the login code's picture and status (shared by every
 * login page, the admin's too), logging out, and 我的报价 ({@code /my}).
 */
@Controller
class LoginController {
    /** The most quotes 我的报价 lists (the newest). */
    static final int LISTED = 100;

    private final LoginCodes codes;
    private final Sessions sessions;
    private final Quotes quotes;
    private final ZoneId zone;

    LoginController(LoginCodes codes, Sessions sessions, Quotes quotes, ZoneId zone) {
        this.codes = codes;
        this.sessions = sessions;
        this.quotes = quotes;
        this.zone = zone;
    }

    @GetMapping("/login")
    String login(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (sessions.openid(request).isPresent()) {
            return "redirect:/my";
        }
        LoginCodeView.show(codes, LoginCode.Purpose.VISITOR, null, request, response, model);
        return "login/page";
    }

    @GetMapping(value = "/login/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> image(HttpServletRequest request) {
        LoginCode code = codes.current(request).orElseThrow(NotFoundException::new);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.IMAGE_PNG)
                .body(QrImage.png(code.url(), 300));
    }

    @GetMapping(value = "/login/status", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LoginCodes.LoginStatus> status(HttpServletRequest request, HttpServletResponse response) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(codes.status(request, response));
    }

    @PostMapping("/logout")
    String logout(HttpServletRequest request, HttpServletResponse response) {
        sessions.end(request, response);
        return "redirect:/";
    }

    @GetMapping("/my")
    String mine(HttpServletRequest request, Model model) {
        String openid = sessions.openid(request).orElse(null);
        if (openid == null) {
            return "redirect:/login";
        }
        model.addAttribute("quotes", quotes.ownedBy(openid, LISTED));
        model.addAttribute("zone", zone);
        return "login/mine";
    }
}
