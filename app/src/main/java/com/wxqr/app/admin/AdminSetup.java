package com.wxqr.app.admin;

import com.wxqr.app.system.UnguessableId;
import com.wxqr.app.web.PublicUrl;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one-time setup code for the first admin: while no admin exists, every start prints a fresh
 * code in the log (after the demo's phone page line, in demo mode) and stores only its hash. Any
 * printed code works until the first admin is made; then all are used up. Shown nowhere else.
 */
@Component
class AdminSetup {
    private static final Logger log = LoggerFactory.getLogger(AdminSetup.class);
    /** No 0/O, 1/I/L: the code is read from a log and typed. */
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Admins admins;
    private final PublicUrl publicUrl;

    AdminSetup(Admins admins, PublicUrl publicUrl) {
        this.admins = admins;
        this.publicUrl = publicUrl;
    }

    @EventListener(ApplicationReadyEvent.class)
    void printSetupCodeWhileNoAdmin() {
        if (admins.any()) {
            return;
        }
        String code = newCode();
        admins.addSetupCode(UnguessableId.hash(code));
        log.info(
                "No admin yet: open {} and enter the one-time setup code {} , then scan with the admin's WeChat",
                publicUrl.resolve("/admin/setup"),
                code);
    }

    /** Whether {@code typed} is a working setup code (case and spaces forgiven). */
    boolean accepts(String typed) {
        String normalized = normalize(typed);
        return !normalized.isEmpty() && admins.setupCodeValid(UnguessableId.hash(normalized));
    }

    static String normalize(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** 12 characters (about 59 bits): unguessable in the time a setup page is open. */
    static String newCode() {
        StringBuilder out = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            out.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return out.toString();
    }
}
