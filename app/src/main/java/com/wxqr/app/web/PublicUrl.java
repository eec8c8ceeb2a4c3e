package com.wxqr.app.web;

import com.wxqr.app.wechat.DemoMode;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The address at which browsers and WeChat reach this app ({@code wxqr.public-url}); links in news
 * cards and the web-authorization redirect are built from it. With the demo off it is required and
 * must be {@code https://} (unless {@code wxqr.public-url-allow-http=true}, for a local test); in
 * the demo it defaults to {@code http://localhost:<port>} of the running server.
 */
@Component
public class PublicUrl {
    private final String configured;
    private volatile int localPort = 8080;

    /** {@code environment} tells whether the demo runs, which decides whether the URL may be blank or http. */
    @Autowired
    PublicUrl(SiteProperties site, Environment environment) {
        this(site.publicUrl(), DemoMode.enabled(environment), site.publicUrlAllowHttp());
    }

    PublicUrl(String configured, boolean demo, boolean allowHttp) {
        this.configured = validate(configured, demo, allowHttp);
    }

    private static String validate(String url, boolean demo, boolean allowHttp) {
        if (url.isEmpty()) {
            if (!demo) {
                throw new IllegalArgumentException("wxqr.public-url must be set when the demo is off: the https:// "
                        + "address at which browsers and WeChat reach this site, such as https://quote.example.com");
            }
            return url;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wxqr.public-url is not a valid URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "wxqr.public-url must be an absolute http(s) URL such as https://quote.example.com");
        }
        if (!demo && !allowHttp && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("wxqr.public-url must start with https:// when the demo is off (cards, "
                    + "web authorization and cookies travel over it); wxqr.public-url-allow-http=true allows http "
                    + "for a local test");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // e.g. a separate management server
        }
        localPort = event.getWebServer().getPort();
    }

    /** The base URL without a trailing slash. */
    public String base() {
        return configured.isEmpty() ? "http://localhost:" + localPort : configured;
    }

    /** Whether browsers reach the site over https (cookies are then marked {@code Secure}). */
    public boolean isHttps() {
        return configured.startsWith("https://");
    }

    /**
     * A cookie of this site as every feature sets it: for the whole site ({@code /}), not readable
     * by scripts ({@code HttpOnly}), sent on top-level navigations from other sites such as WeChat's
     * redirect back but not on their posts ({@code SameSite=Lax}), and {@code Secure} when the site
     * is reached over https. {@code maxAge} zero deletes it.
     */
    public ResponseCookie cookie(String name, String value, Duration maxAge) {
        return ResponseCookie.from(name, value)
                .path("/")
                .httpOnly(true)
                .sameSite("Lax")
                .secure(isHttps())
                .maxAge(maxAge)
                .build();
    }

    /** The absolute URL of {@code path}, which starts with a slash. */
    public URI resolve(String path) {
        return URI.create(base() + path);
    }
}
