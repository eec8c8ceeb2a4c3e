package com.wxqr.mp.api;

import java.time.Duration;

/**
 * Observes the calls a {@link WeChatClient} makes, so that metrics (e.g. Micrometer timers and
 * counters) plug into the client instead of wrapping every call. Set one with
 * {@link WeChatClient.Builder#eventListener}; every method has a no-op default, so an
 * implementation overrides only what it needs.
 *
 * <p>A <em>call</em> is one API method invocation towards one endpoint, including the client's own
 * retries (a renewed access_token, busy answers). Fetching the access_token is a call of its own
 * ({@code token} or {@code stable_token}), nested inside the call that needed the token. Calls
 * refused for invalid input ({@link IllegalArgumentException}) start nothing.
 *
 * <p>Each {@link #callStart} is followed on the same thread by exactly one {@link #callEnd} or
 * {@link #callFailed}. The {@code endpoint} is the API path without the host and without
 * {@code /cgi-bin/}, e.g. {@code qrcode/create}, {@code message/custom/send}, {@code token},
 * {@code sns/oauth2/access_token}: never a URL, query string, token or secret, so it is safe as a
 * metric tag. Methods run on the calling thread and should return quickly; an exception thrown by a
 * listener is logged and otherwise ignored.
 */
public interface EventListener {

    /** A listener that does nothing: the default. */
    EventListener NONE = new EventListener() {};

    /** A call to {@code endpoint} begins. */
    default void callStart(String endpoint) {}

    /** The call to {@code endpoint} succeeded after {@code duration}. */
    default void callEnd(String endpoint, Duration duration) {}

    /**
     * The call to {@code endpoint} failed after {@code duration}; {@code failure} is what the caller
     * receives: a {@link WeChatApiException} (WeChat said no) or a {@link WeChatTransportException}
     * (no usable answer).
     */
    default void callFailed(String endpoint, Duration duration, WeChatException failure) {}
}
