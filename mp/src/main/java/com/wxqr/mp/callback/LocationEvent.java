package com.wxqr.mp.callback;

import java.util.Map;

/** WeChat reported the user's location (Event {@code LOCATION}). */
public record LocationEvent(Map<String, String> fields, double latitude, double longitude, double precision)
        implements InboundMessage {}
