package com.wxqr.mp.api;

import java.time.Instant;

/**
 * A web-authorization (OAuth2) token of one user, from a code exchange or a refresh. It is not the
 * account's basic access_token. {@link #toString()} masks both tokens.
 *
 * @param accessToken the web-authorization access_token
 * @param expiresAt when it expires (client clock at request time plus {@code expires_in})
 * @param refreshToken to renew it for up to 30 days
 * @param openid the user's openid within this account
 * @param scope the granted scope(s), comma-separated as WeChat returns them
 * @param unionid null unless WeChat returned one
 * @param snapshotUser true when {@code is_snapshotuser} = 1: a virtual user of the snapshot page
 *     whose data is not real
 */
public record OAuthToken(
        String accessToken,
        Instant expiresAt,
        String refreshToken,
        String openid,
        String scope,
        String unionid,
        boolean snapshotUser) {

    @Override
    public String toString() {
        return "OAuthToken[accessToken=****, expiresAt=" + expiresAt + ", refreshToken=****, openid=" + openid
                + ", scope=" + scope + ", unionid=" + unionid + ", snapshotUser=" + snapshotUser + "]";
    }
}
