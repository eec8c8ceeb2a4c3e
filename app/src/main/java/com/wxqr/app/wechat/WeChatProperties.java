package com.wxqr.app.wechat;

import com.wxqr.app.system.Settings;
import com.wxqr.mp.callback.MessageMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Official Account ({@code wxqr.wechat.*}). Formats are checked at start with a sentence that
 * names the setting; secrets ({@code app-secret}, {@code token}, the AES keys) never appear in
 * messages or {@link #toString()}. In demo mode blank credentials are filled by the demo account.
 *
 * @param appId the Official Account's AppID; setting it (or the AppSecret) turns the demo off;
 *     required when the demo is off
 * @param appSecret the AppSecret; required when the demo is off
 * @param token the Token of the server configuration (3-32 letters or digits); required when the
 *     demo is off
 * @param encodingAesKey the EncodingAESKey of the server configuration (43 letters or digits);
 *     needed for compatible and safe modes
 * @param previousEncodingAesKey the EncodingAESKey before the last change, still accepted while
 *     WeChat switches over
 * @param apiUrl WeChat's API host (the emulator's URL in demo mode)
 * @param mpUrl WeChat's mp host
 * @param openUrl WeChat's web-authorization host
 * @param signatureMaxAge refuse (403) pushes and URL verifications whose timestamp is further than
 *     this from now; 0s turns the check off (and keeps push dedupe records forever)
 * @param messageMode plain, compatible or safe, as in WeChat's console; blank: safe with an
 *     EncodingAESKey, else plain
 * @param tokenEndpoint where access tokens come from: stable (POST /cgi-bin/stable_token, which
 *     another system on the AppID fetching /cgi-bin/token cannot invalidate) or classic (GET
 *     /cgi-bin/token, which invalidates the previous classic token)
 */
@ConfigurationProperties("wxqr.wechat")
public record WeChatProperties(
        @DefaultValue("") String appId,
        @DefaultValue("") String appSecret,
        @DefaultValue("") String token,
        @DefaultValue("") String encodingAesKey,
        @DefaultValue("") String previousEncodingAesKey,
        @DefaultValue("https://api.weixin.qq.com") URI apiUrl,
        @DefaultValue("https://mp.weixin.qq.com") URI mpUrl,
        @DefaultValue("https://open.weixin.qq.com") URI openUrl,
        @DefaultValue("5m") Duration signatureMaxAge,
        @DefaultValue("") String messageMode,
        @DefaultValue("stable") String tokenEndpoint) {

    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");
    private static final Pattern AES_KEY = Pattern.compile("[A-Za-z0-9]{43}");
    /** The values of {@code token-endpoint}. */
    public static final List<String> TOKEN_ENDPOINTS = List.of("stable", "classic");
    /** The values of {@code message-mode}, as in WeChat's console (明文, 兼容, 安全). */
    public static final List<String> MESSAGE_MODES = List.of("plain", "compatible", "safe");

    public WeChatProperties {
        appId = Settings.stripped(appId);
        appSecret = Settings.stripped(appSecret);
        token = Settings.stripped(token);
        encodingAesKey = Settings.stripped(encodingAesKey);
        previousEncodingAesKey = Settings.stripped(previousEncodingAesKey);
        if (!appId.isEmpty() && !APP_ID.matcher(appId).matches()) {
            throw new IllegalArgumentException(
                    "wxqr.wechat.app-id must be the account's AppID (letters and digits, such as wx1234567890abcdef)");
        }
        if (!token.isEmpty() && !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException(
                    "wxqr.wechat.token must be 3 to 32 letters or digits, as in the account's server configuration ("
                            + token.length() + " characters given)");
        }
        checkAesKey("wxqr.wechat.encoding-aes-key", encodingAesKey);
        checkAesKey("wxqr.wechat.previous-encoding-aes-key", previousEncodingAesKey);
        if (!previousEncodingAesKey.isEmpty() && encodingAesKey.isEmpty()) {
            throw new IllegalArgumentException(
                    "wxqr.wechat.previous-encoding-aes-key is set but wxqr.wechat.encoding-aes-key is not");
        }
        checkUrl("wxqr.wechat.api-url", apiUrl);
        checkUrl("wxqr.wechat.mp-url", mpUrl);
        checkUrl("wxqr.wechat.open-url", openUrl);
        if (signatureMaxAge == null || signatureMaxAge.isNegative()) {
            throw new IllegalArgumentException("wxqr.wechat.signature-max-age must be 0 (off) or a positive duration");
        }
        messageMode = Settings.stripped(messageMode).toLowerCase(Locale.ROOT);
        if (!messageMode.isEmpty() && !MESSAGE_MODES.contains(messageMode)) {
            throw new IllegalArgumentException("wxqr.wechat.message-mode must be plain, compatible or safe (as set in "
                    + "WeChat's console), not '" + messageMode + "'");
        }
        tokenEndpoint = Settings.stripped(tokenEndpoint).toLowerCase(Locale.ROOT);
        if (!TOKEN_ENDPOINTS.contains(tokenEndpoint)) {
            throw new IllegalArgumentException(
                    "wxqr.wechat.token-endpoint must be stable or classic, not '" + tokenEndpoint + "'");
        }
    }

    /**
     * Whether access tokens come from {@code POST /cgi-bin/stable_token} ({@code token-endpoint=stable},
     * the default) rather than {@code GET /cgi-bin/token} ({@code classic}); docs/PROTOCOL.md#stable-access-tokens.
     *
     * <p>A stable token is kept apart from the classic ones: another system on the same AppID (a CRM,
     * a shop) fetching {@code /cgi-bin/token} cannot invalidate it, and wxqr never forces a refresh
     * unless WeChat refused the token it holds (then at most 20 a day, 30 s apart, counted across
     * the cluster). {@code classic} costs that peace: each {@code /cgi-bin/token} call invalidates
     * the previous classic token (after 5 minutes), so wxqr and another system fetching their own
     * kick each other out with 40001, and every fetch counts against the 2,000 a day. Choose it only
     * when nothing else on the AppID fetches tokens, or when the account cannot use stable_token.
     */
    public boolean stableToken() {
        return tokenEndpoint.equals("stable");
    }

    /**
     * The message mode in effect for the configured account: {@code message-mode} when set, else
     * {@code safe} when an EncodingAESKey is configured and {@code plain} without one.
     *
     * @throws IllegalArgumentException when compatible or safe mode is set without an EncodingAESKey
     */
    public MessageMode effectiveMessageMode() {
        if (!messageMode.isEmpty() && !messageMode.equals("plain") && encodingAesKey.isEmpty()) {
            throw new IllegalArgumentException("wxqr.wechat.message-mode=" + messageMode
                    + " needs wxqr.wechat.encoding-aes-key (the EncodingAESKey of the account's server configuration)");
        }
        return !messageMode.isEmpty()
                ? MessageMode.valueOf(messageMode.toUpperCase(Locale.ROOT))
                : encodingAesKey.isEmpty() ? MessageMode.PLAIN : MessageMode.SAFE;
    }

    private static void checkAesKey(String setting, String key) {
        if (!key.isEmpty() && !AES_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(setting + " must be exactly 43 letters or digits (the EncodingAESKey "
                    + "from the account's server configuration), but it has " + key.length() + " characters"
                    + (key.length() == 43 ? " and some are not letters or digits" : ""));
        }
    }

    private static void checkUrl(String setting, URI url) {
        if (url == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException(setting + " must be an absolute http(s) URL");
        }
    }

    @Override
    public String toString() {
        return "WeChatProperties[appId=" + appId + ", appSecret=" + mask(appSecret) + ", token=" + mask(token)
                + ", encodingAesKey=" + mask(encodingAesKey) + ", previousEncodingAesKey="
                + mask(previousEncodingAesKey) + ", apiUrl=" + apiUrl + ", mpUrl=" + mpUrl + ", openUrl=" + openUrl
                + ", signatureMaxAge=" + signatureMaxAge + ", messageMode=" + messageMode + ", tokenEndpoint="
                + tokenEndpoint + "]";
    }

    static String mask(String secret) {
        return secret.isEmpty() ? "<unset>" : "<masked>";
    }
}
