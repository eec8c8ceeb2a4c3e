package com.wxqr.app.profile;

import com.wxqr.app.system.Settings;
import com.wxqr.app.web.SiteProperties;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Links followed from the origins in {@code wxqr.in-wechat-referers} count as opened inside WeChat: the
 * browser names that origin in {@code Referer}. For a standalone emulator's phone page, whose frame is
 * its "WeChat browser" with the desktop browser's user agent (the demo has its own rule for its
 * in-process emulator). Empty by default: only the {@code MicroMessenger} user agent counts.
 */
@Component
class InWeChatReferers implements InWeChatRule {
    private final Set<String> origins;

    @Autowired
    InWeChatReferers(SiteProperties site) {
        this(site.inWeChatReferers());
    }

    InWeChatReferers(List<String> origins) {
        this.origins = Set.copyOf(Settings.origins("wxqr.in-wechat-referers", origins));
    }

    @Override
    public boolean matches(String userAgent, String referer) {
        if (origins.isEmpty() || referer == null) {
            return false;
        }
        try {
            URI uri = new URI(referer);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return origins.contains(origin.toLowerCase(Locale.ROOT));
        } catch (java.net.URISyntaxException e) {
            return false; // not a URL: not from one of the origins
        }
    }
}
