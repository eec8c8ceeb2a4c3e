package com.wxqr.mp.callback;

import java.util.Map;

/** A push of a type this library does not model; all its fields are kept. */
public record OtherMessage(Map<String, String> fields) implements InboundMessage {}
