package com.wxqr.app.channel;

import com.wxqr.app.web.PublicUrl;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Where a visitor came from: on a page view whose URL carries {@code utm_source} (and maybe
 * {@code utm_campaign}) or whose referrer is another site, remembers that in a cookie for 30 days;
 * a quote made later is stored with what {@link #remembered} reads back (else the quote is 直接访问).
 */
@Component
public class LandingSource extends OncePerRequestFilter {
    static final String COOKIE = "wxqr_source";
    static final int MAX_LENGTH = 200;

    private final PublicUrl publicUrl;

    LandingSource(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"GET".equals(request.getMethod())
                || path.startsWith("/api/")
                || path.startsWith("/wechat/")
                || path.startsWith("/admin")
                || path.startsWith("/webjars/")
                || path.startsWith("/login")
                || path.contains(".");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        of(request)
                .ifPresent(source -> response.addHeader(
                        HttpHeaders.SET_COOKIE,
                        publicUrl
                                .cookie(COOKIE, URLEncoder.encode(source, StandardCharsets.UTF_8), Duration.ofDays(30))
                                .toString()));
        chain.doFilter(request, response);
    }

    /** The source this page view tells of: utm first, else a foreign referrer's host. */
    Optional<String> of(HttpServletRequest request) {
        String utmSource = clean(request.getParameter("utm_source"));
        if (!utmSource.isEmpty()) {
            String campaign = clean(request.getParameter("utm_campaign"));
            return Optional.of(cut(campaign.isEmpty() ? utmSource : utmSource + " / " + campaign));
        }
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer == null) {
            return Optional.empty();
        }
        try {
            String host = URI.create(referer.strip()).getHost();
            if (host == null
                    || host.equalsIgnoreCase(request.getServerName())
                    || host.equalsIgnoreCase(URI.create(publicUrl.base()).getHost())) {
                return Optional.empty();
            }
            return Optional.of(cut(host.toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a malformed Referer says nothing
        }
    }

    /** The source the visitor's cookie remembers, for the quote being made; empty when there is none (直接访问). */
    public Optional<String> remembered(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                try {
                    String source = cut(clean(URLDecoder.decode(c.getValue(), StandardCharsets.UTF_8)));
                    return source.isEmpty() ? Optional.empty() : Optional.of(source);
                } catch (IllegalArgumentException e) {
                    return Optional.empty(); // a cookie that is not ours to read says nothing
                }
            }
        }
        return Optional.empty();
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", "").strip();
    }

    private static String cut(String s) {
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH);
    }
}
