package com.wxqr.mp.api;

/** The scope of a web authorization (OAuth2) request. */
public enum OAuthScope {

    /** {@code snsapi_base}: silent, yields the openid only. */
    BASE("snsapi_base"),
    /** {@code snsapi_userinfo}: asks the user's consent, also yields nickname and avatar. */
    USERINFO("snsapi_userinfo");

    private final String wireName;

    OAuthScope(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code scope} parameter. */
    public String wireName() {
        return wireName;
    }
}
