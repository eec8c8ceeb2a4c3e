package com.wxqr.mp.callback;

import java.util.Map;

/** The user wrote a text message; {@code msgId} is WeChat's 64-bit id as sent. */
public record TextMessage(Map<String, String> fields, String content, String msgId) implements InboundMessage {}
