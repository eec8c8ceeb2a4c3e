package com.wxqr.app.web;

import com.wxqr.app.system.Settings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response of the public port: {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: same-origin}, and a Content-Security-Policy allowing what the pages use —
 * scripts only from this site or inline with this response's nonce (request attribute
 * {@value #NONCE_ATTRIBUTE}, for {@code th:nonce}), styles, fetches and SSE from this site, images
 * from this site, {@code data:} and https hosts (WeChat avatars), forms posting to this site only,
 * and no framing ({@code frame-ancestors 'none'}, {@code X-Frame-Options: DENY}) unless the origins in
 * {@code wxqr.frame-ancestors} (e.g. a standalone emulator's phone page) or a {@link PageSources} bean
 * name who may: then {@code frame-ancestors} lists them and no {@code X-Frame-Options} is sent, as it
 * cannot name a list.
 */
@Component
public class SecurityHeaders extends OncePerRequestFilter {
    public static final String NONCE_ATTRIBUTE = "cspNonce";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String policyBeforeNonce;
    private final String policyAfterNonce;
    private final boolean framable;

    @Autowired
    SecurityHeaders(List<PageSources> sources, SiteProperties site) {
        this(sources, site.frameAncestors());
    }

    SecurityHeaders(List<PageSources> sources, List<String> frameAncestors) {
        List<String> ancestors = Stream.concat(
                        Settings.origins("wxqr.frame-ancestors", frameAncestors).stream(),
                        sources.stream().flatMap(s -> s.frameAncestors().stream()))
                .distinct()
                .toList();
        String images = Stream.concat(
                        Stream.of("'self'", "data:", "https:"), sources.stream().flatMap(s -> s.images().stream()))
                .distinct()
                .collect(Collectors.joining(" "));
        this.framable = !ancestors.isEmpty();
        this.policyBeforeNonce = "default-src 'self'; script-src 'self' 'nonce-";
        this.policyAfterNonce = "'; style-src 'self'; img-src " + images + "; connect-src 'self'; font-src 'self'; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors "
                + (framable ? String.join(" ", ancestors) : "'none'");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        request.setAttribute(NONCE_ATTRIBUTE, nonce);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", policyBeforeNonce + nonce + policyAfterNonce);
        if (!framable) {
            response.setHeader("X-Frame-Options", "DENY");
        }
        chain.doFilter(request, response);
    }
}
