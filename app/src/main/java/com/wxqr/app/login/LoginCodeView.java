package com.wxqr.app.login;

import com.wxqr.app.scan.QrCodes;
import com.wxqr.mp.api.WeChatException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;

/**
 * Puts a login code into a page's model for the {@code login/qr :: box} fragment, on
 * {@code login/page} (which holds nothing else) or on another page.
 */
public final class LoginCodeView {
    private static final Logger log = LoggerFactory.getLogger(LoginCodeView.class);

    private LoginCodeView() {}

    /**
     * What {@code login/page} shows for a purpose: the layout it sits in, the message keys of the
     * page's title, the box's title and its hint, and where a back link leads (none when null).
     */
    record Page(String layout, String title, String boxTitle, String hint, String back) {
        static Page of(LoginCode.Purpose purpose) {
            return switch (purpose) {
                case VISITOR -> new Page("fragments/layout", "login.title", "login.title", "login.hint", null);
                case SETUP ->
                    new Page(
                            "admin/layout", "admin.setup.title", "admin.setup.scanTitle", "admin.setup.scanHint", null);
                case INVITE ->
                    new Page(
                            "admin/layout",
                            "admin.admins.invite",
                            "admin.admins.invite",
                            "admin.admins.inviteHint",
                            "/admin/admins");
                case ADMIN -> null; // admin/login, a page of its own
            };
        }
    }

    /**
     * Adds this browser's code of {@code purpose} as {@code login} and its picture's address as
     * {@code loginImage}, or {@code loginProblem} (a message key) when WeChat did not issue one;
     * and, but for {@code ADMIN}, what {@code login/page} shows as {@code page}.
     */
    public static void show(
            LoginCodes codes,
            LoginCode.Purpose purpose,
            String requestedBy,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Page page = Page.of(purpose);
        if (page != null) {
            model.addAttribute("page", page);
        }
        try {
            LoginCode code = codes.issue(purpose, requestedBy, request, response);
            model.addAttribute("login", code);
            model.addAttribute(
                    "loginImage", "/login/qr.png?v=" + code.createdAt().toEpochMilli());
        } catch (QrCodes.TooManyQrCodesException e) {
            model.addAttribute("loginProblem", "scan.tooMany");
        } catch (WeChatException e) {
            log.warn("login QR code not created: {}", e.getMessage());
            model.addAttribute("loginProblem", "login.unavailable");
        }
    }
}
