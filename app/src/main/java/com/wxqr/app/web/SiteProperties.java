package com.wxqr.app.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How browsers and WeChat reach this site ({@code wxqr.public-url}, {@code wxqr.trusted-proxies}).
 * Checked by {@code PublicUrl} and {@code TrustedProxies}, which use them.
 *
 * @param publicUrl the address at which browsers and WeChat reach the site, such as
 *     https://quote.example.com; links in news cards, the web-authorization redirect and every
 *     absolute URL are built from it, and cookies are Secure when it is https. Required and https
 *     with the demo off; blank in the demo: http://localhost:(port).
 * @param publicUrlAllowHttp allow an http:// public URL with the demo off (a local test only)
 * @param trustedProxies IP addresses of the proxies whose X-Forwarded-For and X-Forwarded-Proto are
 *     believed, such as 127.0.0.1,::1 for an nginx on the same machine; from anyone else the
 *     headers are ignored. Empty: from nobody.
 * @param frameAncestors origins (http(s)://host[:port]) that may show the pages in a frame, such as a
 *     standalone emulator's phone page (deploy/cluster-demo); empty: nobody (X-Frame-Options: DENY)
 * @param inWeChatReferers origins whose links count as opened inside WeChat (by their Referer),
 *     beside WeChat's MicroMessenger user agent: only ever a standalone emulator's phone page, never a
 *     real site
 */
@ConfigurationProperties("wxqr")
public record SiteProperties(
        @DefaultValue("") String publicUrl,
        @DefaultValue("false") boolean publicUrlAllowHttp,
        @DefaultValue("") List<String> trustedProxies,
        @DefaultValue("") List<String> frameAncestors,
        @DefaultValue("") List<String> inWeChatReferers) {

    public SiteProperties {
        publicUrl = publicUrl == null ? "" : publicUrl.strip();
        frameAncestors = frameAncestors == null ? List.of() : List.copyOf(frameAncestors);
        inWeChatReferers = inWeChatReferers == null ? List.of() : List.copyOf(inWeChatReferers);
        trustedProxies = trustedProxies == null
                ? List.of()
                : trustedProxies.stream()
                        .map(String::strip)
                        .filter(a -> !a.isEmpty())
                        .toList();
    }
}
