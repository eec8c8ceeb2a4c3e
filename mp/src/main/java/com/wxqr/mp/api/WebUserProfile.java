package com.wxqr.mp.api;

/**
 * A user's profile from {@code /sns/userinfo}, available after a {@link OAuthScope#USERINFO}
 * authorization. Missing or blank strings are null.
 *
 * @param openid the user's openid within this account
 * @param nickname null when blank or missing
 * @param headImgUrl null when blank or missing
 * @param unionid null unless WeChat returned one
 */
public record WebUserProfile(String openid, String nickname, String headImgUrl, String unionid) {}
