package com.wxqr.app.system;

import com.wxqr.app.web.PublicUrl;
import jakarta.servlet.ServletContext;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;

/**
 * Marks the session cookie {@code Secure} when the public URL is https (HttpOnly and
 * {@code SameSite=Lax} are set in {@code application.properties}); an explicit
 * {@code server.servlet.session.cookie.secure} still wins, being applied by Spring Boot.
 */
@Component
record SecureCookies(PublicUrl publicUrl) implements ServletContextInitializer {
    @Override
    public void onStartup(ServletContext servletContext) {
        if (publicUrl.isHttps()) {
            servletContext.getSessionCookieConfig().setSecure(true);
        }
    }
}
