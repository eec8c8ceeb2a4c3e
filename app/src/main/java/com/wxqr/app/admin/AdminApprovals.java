package com.wxqr.app.admin;

import com.wxqr.app.login.LoginApproval;
import com.wxqr.app.login.LoginCode;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What scans of the admin area's login codes decide: log in, make the first admin, accept an invitation. */
@Configuration
class AdminApprovals {
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    @Bean
    LoginApproval adminLoginApproval(Admins admins, Audit audit, MessageSource messages) {
        return approval(LoginCode.Purpose.ADMIN, "/admin", (code, openid) -> {
            if (!admins.isAdmin(openid)) {
                return new LoginApproval.Verdict(false, messages.getMessage("wechat.admin.refused", null, CHINESE));
            }
            audit.record(openid, "login", null);
            return new LoginApproval.Verdict(true, messages.getMessage("wechat.login.done", null, CHINESE));
        });
    }

    @Bean
    LoginApproval adminSetupApproval(Admins admins, Audit audit, MessageSource messages) {
        return approval(LoginCode.Purpose.SETUP, "/admin", (code, openid) -> {
            if (!admins.makeFirst(openid)) {
                return new LoginApproval.Verdict(false, messages.getMessage("wechat.admin.setupDone", null, CHINESE));
            }
            audit.record(openid, "setup", null);
            return new LoginApproval.Verdict(true, messages.getMessage("wechat.admin.first", null, CHINESE));
        });
    }

    @Bean
    LoginApproval adminInvitationApproval(Admins admins, Audit audit, MessageSource messages) {
        return approval(LoginCode.Purpose.INVITE, "/admin/admins", (code, openid) -> {
            if (code.requestedBy() == null || !admins.isAdmin(code.requestedBy())) {
                return new LoginApproval.Verdict(
                        false, messages.getMessage("wechat.admin.inviteInvalid", null, CHINESE));
            }
            boolean added = admins.add(openid, code.requestedBy());
            if (added) {
                audit.record(
                        code.requestedBy(),
                        "admin.add",
                        "管理员 #"
                                + admins.list().stream()
                                        .filter(a -> a.openid().equals(openid))
                                        .findFirst()
                                        .orElseThrow()
                                        .id());
            }
            return new LoginApproval.Verdict(
                    true, messages.getMessage(added ? "wechat.admin.added" : "wechat.admin.already", null, CHINESE));
        });
    }

    private interface Decision {
        LoginApproval.Verdict decide(LoginCode code, String openid);
    }

    private static LoginApproval approval(LoginCode.Purpose purpose, String next, Decision decision) {
        return new LoginApproval() {
            @Override
            public LoginCode.Purpose purpose() {
                return purpose;
            }

            @Override
            public Verdict decide(LoginCode code, String openid) {
                return decision.decide(code, openid);
            }

            @Override
            public String next() {
                return next;
            }
        };
    }
}
