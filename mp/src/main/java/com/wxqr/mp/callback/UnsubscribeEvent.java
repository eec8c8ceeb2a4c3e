package com.wxqr.mp.callback;

import java.util.Map;

/** A user unfollowed the account (Event {@code unsubscribe}). */
public record UnsubscribeEvent(Map<String, String> fields) implements InboundMessage {}
