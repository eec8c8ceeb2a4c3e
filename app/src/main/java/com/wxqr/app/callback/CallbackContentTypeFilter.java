package com.wxqr.app.callback;

import com.wxqr.app.web.RefusedRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter on {@code POST /wechat/callback}: pushes are XML, so a body of any other type
 * ({@code text/xml}, {@code application/xml} or none are accepted) is refused with 415 before
 * anything reads it — in particular before Tomcat parses a form-encoded body into parameters
 * (which it would do, up to 2 MB, for the controller's {@code @RequestParam}).
 */
class CallbackContentTypeFilter extends OncePerRequestFilter {
    static final String PATH = "/wechat/callback";

    private final RefusedRequests refused;

    CallbackContentTypeFilter(RefusedRequests refused) {
        this.refused = refused;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) || acceptable(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        refused.refused("callback-content-type", "a push with Content-Type " + printable(request.getContentType()));
        response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write("UNSUPPORTED_MEDIA_TYPE".getBytes(StandardCharsets.US_ASCII));
    }

    static boolean acceptable(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        return type.equals("text/xml") || type.equals("application/xml");
    }

    private static String printable(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        FilterRegistrationBean<CallbackContentTypeFilter> callbackContentTypeFilter(RefusedRequests refused) {
            FilterRegistrationBean<CallbackContentTypeFilter> registration =
                    new FilterRegistrationBean<>(new CallbackContentTypeFilter(refused));
            registration.addUrlPatterns(PATH, PATH + "/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
