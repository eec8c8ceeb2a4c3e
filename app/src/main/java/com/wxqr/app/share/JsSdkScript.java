package com.wxqr.app.share;

import java.net.URI;

/**
 * Where the quote page loads the JS-SDK from inside WeChat, when not from {@code wxqr.share.jssdk-url}: a bean of
 * this type, supplied by the demo, points at the in-process emulator's stand-in (docs/PROTOCOL.md#js-sdk).
 */
public record JsSdkScript(URI url) {}
