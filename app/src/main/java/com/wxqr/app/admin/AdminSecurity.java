package com.wxqr.app.admin;

import com.wxqr.app.system.UnguessableId;
import com.wxqr.app.login.Sessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Spring Security for {@code /admin/**} only ({@code securityMatcher}): the public pages, the JSON
 * API and {@code /wechat/callback} never pass this chain. A request is an admin's when its
 * database session (scan to log in) belongs to an openid on the allow list, checked on every
 * request, so a removed admin is out at once. Stateless: no {@code HttpSession}, CSRF tokens in a
 * cookie (bound to the login session, see {@link SessionBoundCsrfTokens}), no saved requests.
 */
@Configuration
class AdminSecurity {

    @Bean
    SecurityFilterChain adminChain(HttpSecurity http, Sessions sessions, Admins admins) throws Exception {
        http.securityMatcher("/admin/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/admin/login", "/admin/setup")
                        .permitAll()
                        .anyRequest()
                        .hasRole("ADMIN"))
                .addFilterBefore(new SessionFilter(sessions, admins), AnonymousAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .csrf(c -> c.csrfTokenRepository(new SessionBoundCsrfTokens())
                        .csrfTokenRequestHandler(new MaskedCsrfTokens())
                        // every request here is authenticated anew, and Spring's CSRF strategy would
                        // clear the token on each; the token's binding to the session replaces it
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .exceptionHandling(e -> e.authenticationEntryPoint(loginPage()))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable());
        return http.build();
    }

    /**
     * Sends a stranger to {@code /admin/login} with a relative {@code Location}: an absolute one is
     * built from the request, whose port is lost behind a proxy that sends {@code X-Forwarded-Proto}
     * without {@code X-Forwarded-Port}.
     */
    private static LoginUrlAuthenticationEntryPoint loginPage() {
        LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/admin/login");
        loginPage.setFavorRelativeUris(true);
        return loginPage;
    }

    /** Authenticates an admin's session; anyone else stays anonymous (and is sent to the login page). */
    private static final class SessionFilter extends OncePerRequestFilter {
        private final Sessions sessions;
        private final Admins admins;

        SessionFilter(Sessions sessions, Admins admins) {
            this.sessions = sessions;
            this.admins = admins;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            sessions.openid(request).filter(admins::isAdmin).ifPresent(openid -> {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        openid, null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
                SecurityContextHolder.setContext(context);
            });
            chain.doFilter(request, response);
        }
    }

    /**
     * CSRF tokens in a cookie ({@link CookieCsrfTokenRepository}), each bound to the login session
     * it was issued in: the token ends with a digest of the session cookie, and a token issued
     * before login or in another session is not loaded, so a post with it is refused and the next
     * page issues a new one. This is what Spring Security's {@code CsrfAuthenticationStrategy}
     * (a new token at each login) would do on a stateful chain; on this one it saw every request as
     * a login and cleared the token each time, so a form failed once its page had loaded an image.
     */
    private static final class SessionBoundCsrfTokens implements CsrfTokenRepository {
        private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

        @Override
        public CsrfToken generateToken(HttpServletRequest request) {
            CsrfToken random = cookie.generateToken(request);
            return new DefaultCsrfToken(
                    random.getHeaderName(), random.getParameterName(), random.getToken() + binding(request));
        }

        @Override
        public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
            cookie.saveToken(token, request, response);
        }

        @Override
        public CsrfToken loadToken(HttpServletRequest request) {
            CsrfToken token = cookie.loadToken(request);
            return token != null && token.getToken().endsWith(binding(request)) ? token : null;
        }

        /** {@code .} and 16 hex characters of a digest of the session cookie (or of nothing). */
        private static String binding(HttpServletRequest request) {
            var session = WebUtils.getCookie(request, Sessions.COOKIE);
            return "."
                    + UnguessableId.hash("csrf:" + (session == null ? "" : session.getValue()))
                            .substring(0, 16);
        }
    }

    /**
     * Spring Security's XOR-masked tokens (a new mask on each page against BREACH), with a posted
     * token that unmasks to bytes that are not UTF-8 taken as a wrong token (403) instead of the
     * {@code IllegalArgumentException} (500) Spring's decoding throws.
     */
    private static final class MaskedCsrfTokens implements CsrfTokenRequestHandler {
        private final XorCsrfTokenRequestAttributeHandler xor = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
            xor.handle(request, response, token);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            try {
                return xor.resolveCsrfTokenValue(request, token);
            } catch (IllegalArgumentException undecodable) {
                return null;
            }
        }
    }
}
