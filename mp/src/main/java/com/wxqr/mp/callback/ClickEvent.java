package com.wxqr.mp.callback;

import java.util.Map;

/** A user tapped a custom-menu item of type click; {@code key} is its EventKey. */
public record ClickEvent(Map<String, String> fields, String key) implements InboundMessage {}
