package com.wxqr.app.admin;

import com.wxqr.app.login.Sessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
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
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security for {@code /admin/**} only ({@code securityMatcher}): the public pages, the JSON
 * API and {@code /wechat/callback} never pass this chain. A request is an admin's when its
 * database session was started by an admin login (not the visitors' login page) and belongs to an
 * openid on the allow list, checked on every request, so a removed admin is out at once. Stateless: no {@code HttpSession}, CSRF tokens in a
 * cookie, no saved requests.
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
                .csrf(c -> c.csrfTokenRepository(new CookieCsrfTokenRepository()))
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/admin/login")))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable());
        return http.build();
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
            sessions.adminOpenid(request).filter(admins::isAdmin).ifPresent(openid -> {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        openid, null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
                SecurityContextHolder.setContext(context);
            });
            chain.doFilter(request, response);
        }
    }
}
