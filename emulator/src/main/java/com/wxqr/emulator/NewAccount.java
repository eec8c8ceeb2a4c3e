package com.wxqr.emulator;

/**
 * What to create an emulated Official Account with ({@code POST /emulator/accounts}). Every field may be
 * null: the emulator then generates an AppID ({@code wx} + 16 hex), an AppSecret (32 hex), a Token
 * (32 letters and digits), an EncodingAESKey (43 characters, when the mode needs one), an original ID
 * ({@code gh_} + 12 hex) and a name. An account holds its settings resolved in this shape too, every generated
 * value filled in ({@code Account.settings()}).
 *
 * @param appId          AppID
 * @param secret         AppSecret
 * @param token          the callback Token (3 to 32 letters or digits)
 * @param encodingAesKey 43 characters of {@code [A-Za-z0-9]}; required by compatible and safe modes (generated if null)
 * @param callbackUrl    server URL pushes go to; verified with the echostr GET on creation
 * @param mode           {@code plain} (default), {@code compatible} or {@code safe}
 * @param originalId     the account's original ID, {@code ToUserName} of pushes
 * @param name           display name in the phone
 * @param oauthDomain    if set, web authorization accepts only redirect URIs on this host (else error 10003)
 */
public record NewAccount(
        String appId,
        String secret,
        String token,
        String encodingAesKey,
        String callbackUrl,
        String mode,
        String originalId,
        String name,
        String oauthDomain) {

    public static NewAccount of(String appId, String secret) {
        return new NewAccount(appId, secret, null, null, null, null, null, null, null);
    }

    public NewAccount withToken(String v) {
        return new NewAccount(appId, secret, v, encodingAesKey, callbackUrl, mode, originalId, name, oauthDomain);
    }

    public NewAccount withEncodingAesKey(String v) {
        return new NewAccount(appId, secret, token, v, callbackUrl, mode, originalId, name, oauthDomain);
    }

    public NewAccount withCallbackUrl(String v) {
        return new NewAccount(appId, secret, token, encodingAesKey, v, mode, originalId, name, oauthDomain);
    }

    /** {@code plain}, {@code compatible} or {@code safe}. */
    public NewAccount withMode(String v) {
        return new NewAccount(appId, secret, token, encodingAesKey, callbackUrl, v, originalId, name, oauthDomain);
    }

    public NewAccount withOriginalId(String v) {
        return new NewAccount(appId, secret, token, encodingAesKey, callbackUrl, mode, v, name, oauthDomain);
    }

    public NewAccount withName(String v) {
        return new NewAccount(appId, secret, token, encodingAesKey, callbackUrl, mode, originalId, v, oauthDomain);
    }

    public NewAccount withOauthDomain(String v) {
        return new NewAccount(appId, secret, token, encodingAesKey, callbackUrl, mode, originalId, name, v);
    }
}
