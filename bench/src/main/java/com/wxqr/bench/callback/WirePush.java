package com.wxqr.bench.callback;

import com.wxqr.mp.callback.CallbackParams;
import java.nio.charset.StandardCharsets;

/**
 * One safe-mode push exactly as it arrives on the wire: the query parameters and the body. The
 * body is kept both as the bytes a server reads (our pipeline decodes them itself) and as the
 * String a WxJava controller receives already decoded (so WxJava is spared that step).
 *
 * @param openid the sender, to check the reply's addressee
 * @param scene  the scene value of the QR code, to check the reply's link
 */
public record WirePush(CallbackParams params, byte[] body, String bodyText, String openid, String scene) {

    /** Makes a push from its parameters and body text. */
    public static WirePush of(CallbackParams params, String bodyText, String openid, String scene) {
        return new WirePush(params, bodyText.getBytes(StandardCharsets.UTF_8), bodyText, openid, scene);
    }
}
