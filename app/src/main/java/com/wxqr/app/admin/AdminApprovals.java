package com.wxqr.app.admin;

import com.wxqr.app.login.LoginApproval;
import com.wxqr.app.login.LoginCode;
import com.wxqr.app.login.LoginCode.Purpose;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What scans of the admin area's login codes decide. An admin login and the first admin's setup
 * are asked at the scan and decided by the scanner's 确认登录 on their phone, audited with the
 * browser and the address that asked. An invitation's scan is decided by the inviter in
 * {@code /admin/admins} ({@link AdminController}).
 */
@Configuration
class AdminApprovals {

    /** An admin logs in; anyone else is refused at the scan (and again at confirmation, if removed meanwhile). */
    @Bean
    LoginApproval adminLoginApproval(Admins admins, Audit audit) {
        return new Approval(Purpose.ADMIN, "/admin") {
            @Override
            public String refuseScan(LoginCode code, String openid) {
                return admins.isAdmin(openid) ? null : "wechat.admin.refused";
            }

            @Override
            public boolean confirm(LoginCode code, String openid) {
                if (!admins.isAdmin(openid)) {
                    return false;
                }
                audit.record(openid, "login", requester(code));
                return true;
            }
        };
    }

    /** The scanner becomes the first admin at confirmation, unless setup was done before. */
    @Bean
    LoginApproval adminSetupApproval(Admins admins, Audit audit) {
        return new Approval(Purpose.SETUP, "/admin") {
            @Override
            public String refuseScan(LoginCode code, String openid) {
                return admins.any() ? "wechat.admin.setupDone" : null;
            }

            @Override
            public boolean confirm(LoginCode code, String openid) {
                if (!admins.makeFirst(openid)) {
                    return false;
                }
                audit.record(openid, "setup", requester(code));
                return true;
            }
        };
    }

    /** The first scanner of a valid invitation waits for the inviter's approval. */
    @Bean
    LoginApproval adminInvitationApproval(Admins admins) {
        return new Approval(Purpose.INVITE, "/admin/admins") {
            @Override
            public String refuseScan(LoginCode code, String openid) {
                if (code.requestedBy() == null || !admins.isAdmin(code.requestedBy())) {
                    return "wechat.admin.inviteInvalid";
                }
                return admins.isAdmin(openid) ? "wechat.admin.already" : null;
            }

            @Override
            public boolean confirm(LoginCode code, String openid) {
                throw new IllegalStateException("invitations are decided by the inviter");
            }
        };
    }

    /** "Firefox 126 · Linux，203.0.113.5": the browser and address that asked, for the audit. */
    static String requester(LoginCode code) {
        return code.browser() + "，" + (code.requestedFrom() == null ? "地址未知" : code.requestedFrom());
    }

    private abstract static class Approval implements LoginApproval {
        private final Purpose purpose;
        private final String next;

        Approval(Purpose purpose, String next) {
            this.purpose = purpose;
            this.next = next;
        }

        @Override
        public Purpose purpose() {
            return purpose;
        }

        @Override
        public String next() {
            return next;
        }
    }
}
