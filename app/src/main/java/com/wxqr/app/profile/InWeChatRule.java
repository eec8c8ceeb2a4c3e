package com.wxqr.app.profile;

/**
 * An extra rule for "this page was opened inside WeChat", beside the {@code MicroMessenger} user
 * agent that always counts. The demo adds one for links tapped on the emulator's phone page.
 */
@FunctionalInterface
public interface InWeChatRule {

    /** Whether a request with this {@code User-Agent} and {@code Referer} (either may be null) comes from WeChat. */
    boolean matches(String userAgent, String referer);
}
