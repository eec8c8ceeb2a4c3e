package com.wxqr.emulator;

/**
 * A simulated WeChat user of one account.
 *
 * @param openid         28 characters, unique to the account
 * @param headimgurl     the avatar the emulator serves (ends with the size, 132)
 * @param following      whether the user follows the account
 * @param subscribeScene how the user followed ({@code ADD_SCENE_QR_CODE}, ...), null when not following
 * @param qrScene        numeric scene of the code followed through, 0 if none
 * @param qrSceneStr     string scene of the code followed through, empty if none
 * @param profilePage    the ticket of the code whose scan left the account's profile page open (关注公众号 / 返回),
 *                       null when no profile page is open
 * @param snapshotPages  whether the user's unconsented {@code snsapi_userinfo} authorizations open as snapshot pages
 */
public record EmulatedUser(
        String openid,
        String appId,
        String nickname,
        String headimgurl,
        boolean following,
        String subscribeScene,
        long qrScene,
        String qrSceneStr,
        String profilePage,
        boolean snapshotPages) {}
