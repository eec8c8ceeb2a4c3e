package com.wxqr.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Redirects within the site ({@code redirect:/my}, Spring Security's {@code /admin/login}) leave
 * with the relative {@code Location} they were given, which the browser resolves against the
 * address it used. Tomcat would make it absolute from the request, and behind a proxy that sends
 * {@code X-Forwarded-Proto} without {@code X-Forwarded-Port} the request's port is 80 or 443, not
 * the visitor's; for requests over HTTP/1.0, as nginx proxies by default, Tomcat does so even with
 * relative redirects enabled. Absolute targets (WeChat's authorization) pass as they are; absolute
 * links of the site itself come from {@code wxqr.public-url}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RelativeRedirects extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Relative(response));
    }

    /** A path on this site: one slash, not a scheme-relative {@code //host}. */
    static boolean onThisSite(String location) {
        return location.startsWith("/") && !location.startsWith("//");
    }

    private static final class Relative extends HttpServletResponseWrapper {
        Relative(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            sendRedirect(location, SC_FOUND, true);
        }

        @Override
        public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
            if (!onThisSite(location)) {
                super.sendRedirect(location, sc, clearBuffer);
                return;
            }
            if (isCommitted()) {
                throw new IllegalStateException("cannot redirect to " + location + ": the response is committed");
            }
            if (clearBuffer) {
                resetBuffer();
            }
            setStatus(sc);
            setHeader(HttpHeaders.LOCATION, location);
            flushBuffer();
        }
    }
}
