package com.wxqr.mp.api;

import java.time.Instant;

/**
 * A user as {@code /cgi-bin/user/info} describes them. WeChat blanks most fields nowadays
 * (nickname and avatar since 2021-12-27) or omits them for users who do not follow: every string
 * field that is missing or blank is null here, never an empty string.
 *
 * @param subscribed whether the user follows the account (WeChat's field {@code "subscribe"} = 1); if not, the other
 *     fields except openid are usually absent
 * @param openid the user's id within this account
 * @param nickname null when blank or missing
 * @param headImgUrl null when blank or missing
 * @param subscribeTime the last time the user followed; null when missing
 * @param subscribeScene e.g. {@code ADD_SCENE_QR_CODE}; null when missing
 * @param qrScene the integer scene of the QR code the user followed by; 0 when none
 * @param qrSceneStr the string scene of that QR code; null when none
 * @param unionid only when the account is bound to an Open Platform account; otherwise null
 */
public record UserInfo(
        boolean subscribed,
        String openid,
        String nickname,
        String headImgUrl,
        Instant subscribeTime,
        String subscribeScene,
        long qrScene,
        String qrSceneStr,
        String unionid) {}
