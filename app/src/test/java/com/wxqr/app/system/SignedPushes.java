package com.wxqr.app.system;

import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.MessageMode;
import com.wxqr.mp.callback.Push;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Plaintext pushes signed as WeChat signs them, for sending straight to an app's callback URL. */
public final class SignedPushes {
    private final CallbackCodec codec;

    public SignedPushes(String appId, String token) {
        this.codec = CallbackCodec.builder().token(token).appId(appId).build();
    }

    /** An event push's XML from {@code openid}. */
    public static String event(String openid, long createTime, String event, String eventKey) {
        return event("gh_0123456789ab", openid, createTime, event, eventKey);
    }

    /** An event push's XML from {@code openid} to the account whose original ID is {@code toUser}. */
    public static String event(String toUser, String openid, long createTime, String event, String eventKey) {
        return "<xml><ToUserName><![CDATA[" + toUser + "]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[" + event + "]]></Event><EventKey><![CDATA[" + eventKey + "]]></EventKey></xml>";
    }

    /** A new openid of WeChat's shape (28 characters). */
    public static String openid() {
        return "o" + UnguessableId.nextAlphanumeric().substring(0, 27);
    }

    /** The push of {@code xml} to {@code callbackUrl}; send it again for a retry (WeChat resends the identical request). */
    public HttpRequest request(String callbackUrl, String xml) {
        Push push = codec.encodePush(
                xml,
                MessageMode.PLAIN,
                String.valueOf(System.currentTimeMillis() / 1000),
                UnguessableId.nextAlphanumeric().substring(0, 10),
                null);
        StringBuilder url = new StringBuilder(callbackUrl);
        char separator = '?';
        for (Map.Entry<String, String> p : push.query().entrySet()) {
            url.append(separator)
                    .append(p.getKey())
                    .append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(push.body(), StandardCharsets.UTF_8))
                .build();
    }
}
