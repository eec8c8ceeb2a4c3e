package com.wxqr.app.admin;

import com.wxqr.app.login.LoginApproval;
import com.wxqr.app.login.LoginApproval.Verdict;
import com.wxqr.app.login.LoginCode;
import com.wxqr.app.login.LoginCode.Purpose;
import java.util.function.Predicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What scans of the admin area's login codes decide: log in, make the first admin, accept an invitation. */
@Configuration
class AdminApprovals {

    /** An admin logs in; anyone else is refused. */
    @Bean
    LoginApproval adminLoginApproval(Admins admins, Audit audit) {
        return admitting(Purpose.ADMIN, admins::isAdmin, audit, "login", "wechat.login.done", "wechat.admin.refused");
    }

    /** The scanner becomes the first admin, unless setup was done before. */
    @Bean
    LoginApproval adminSetupApproval(Admins admins, Audit audit) {
        return admitting(
                Purpose.SETUP, admins::makeFirst, audit, "setup", "wechat.admin.first", "wechat.admin.setupDone");
    }

    @Bean
    LoginApproval adminInvitationApproval(Admins admins, Audit audit) {
        return approval(Purpose.INVITE, "/admin/admins", (code, openid) -> {
            if (code.requestedBy() == null || !admins.isAdmin(code.requestedBy())) {
                return new Verdict(false, "wechat.admin.inviteInvalid");
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
            return new Verdict(true, added ? "wechat.admin.added" : "wechat.admin.already");
        });
    }

    /**
     * A scan into the admin area ({@code /admin}) that {@code admits} accepts (and may act on), audited
     * as {@code action} by the scanner; a refused scan changes nothing.
     */
    private static LoginApproval admitting(
            Purpose purpose,
            Predicate<String> admits,
            Audit audit,
            String action,
            String acceptedKey,
            String refusedKey) {
        return approval(purpose, "/admin", (code, openid) -> {
            if (!admits.test(openid)) {
                return new Verdict(false, refusedKey);
            }
            audit.record(openid, action, null);
            return new Verdict(true, acceptedKey);
        });
    }

    private interface Decision {
        Verdict decide(LoginCode code, String openid);
    }

    private static LoginApproval approval(Purpose purpose, String next, Decision decision) {
        return new LoginApproval() {
            @Override
            public Purpose purpose() {
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
