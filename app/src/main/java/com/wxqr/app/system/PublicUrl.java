package com.wxqr.app.system;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The address at which browsers and WeChat reach this app ({@code wxqr.public-url}); links in news
 * cards and the web-authorization redirect are built from it. Without the setting it is
 * {@code http://localhost:<port>} of the running server.
 */
@Component
public class PublicUrl {
    private final String configured;
    private volatile int localPort = 8080;

    PublicUrl(@Value("${wxqr.public-url:}") String configured) {
        this.configured = validate(configured.strip());
    }

    private static String validate(String url) {
        if (url.isEmpty()) {
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

    /** The absolute URL of {@code path}, which starts with a slash. */
    public URI resolve(String path) {
        return URI.create(base() + path);
    }
}
