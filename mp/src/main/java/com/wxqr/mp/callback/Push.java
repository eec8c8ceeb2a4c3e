package com.wxqr.mp.callback;

import java.util.Map;

/** A push as WeChat sends it: the query parameters to add to the callback URL, and the POST body. */
public record Push(Map<String, String> query, String body) {

    public Push {
        query = Map.copyOf(query);
    }
}
