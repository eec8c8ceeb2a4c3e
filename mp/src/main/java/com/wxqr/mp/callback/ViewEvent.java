package com.wxqr.mp.callback;

import java.util.Map;

/** A user tapped a custom-menu link; {@code url} is the EventKey (the link opened). */
public record ViewEvent(Map<String, String> fields, String url) implements InboundMessage {}
