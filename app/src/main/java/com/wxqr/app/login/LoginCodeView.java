package com.wxqr.app.login;

import com.wxqr.app.scan.QrCodes;
import com.wxqr.mp.api.WeChatException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;

/** Puts a login code into a page's model for the {@code login/qr :: box} fragment. */
public final class LoginCodeView {
    private static final Logger log = LoggerFactory.getLogger(LoginCodeView.class);

    private LoginCodeView() {}

    /**
     * Adds this browser's code of {@code purpose} as {@code login} and its picture's address as
     * {@code loginImage}, or {@code loginProblem} (a message key) when WeChat did not issue one.
     */
    public static void show(
            LoginCodes codes,
            LoginCode.Purpose purpose,
            String requestedBy,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
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
