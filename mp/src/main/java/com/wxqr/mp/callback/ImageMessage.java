package com.wxqr.mp.callback;

import java.util.Map;

/** The user sent a picture. */
public record ImageMessage(Map<String, String> fields, String picUrl, String mediaId, String msgId)
        implements InboundMessage {}
