package com.wxqr.app.callback;

import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.AppJourney;
import com.wxqr.app.system.SignedPushes;
import com.wxqr.app.wechat.WeChatAccount;
import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.Push;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * {@code /wechat/callback} as raw HTTP, the way WeChat (or an attacker) reaches it: pushes encoded
 * with the demo account's Token and EncodingAESKey, posted with any query and content type; what
 * pushes store, to show that a refused one stored nothing; and the management port's metrics.
 */
abstract class RawCallback extends AppJourney {
    /** The demo account's original ID, the {@code ToUserName} of its pushes. */
    static final String DEMO_ORIGINAL_ID = "gh_9a8b7c6d5e4f";

    @LocalManagementPort
    int managementPort;

    @Autowired
    WeChatAccount account;

    /** Encodes pushes and opens replies as WeChat does for the demo account. */
    CallbackCodec sender() {
        return CallbackCodec.builder()
                .token(account.token())
                .appId(account.appId())
                .encodingAesKey(account.encodingAesKey())
                .build();
    }

    /** The XML of an event push from {@code openid} to the demo account. */
    static String xml(String openid, long createTime, String event, String eventKey) {
        return SignedPushes.event(DEMO_ORIGINAL_ID, openid, createTime, event, eventKey);
    }

    /** {@code query} as a URL's query string, each value URL-encoded. */
    static String queryString(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Posts {@code body} to the callback with {@code query}; no Content-Type header when {@code contentType} is null. */
    HttpResponse<String> post(Map<String, String> query, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/wechat/callback?" + queryString(query)))
                .POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return app().send(request.build());
    }

    /** Posts {@code xml} to the callback with {@code query}, as {@code text/xml}, as WeChat does. */
    HttpResponse<String> post(Map<String, String> query, String xml) {
        return post(query, "text/xml", HttpRequest.BodyPublishers.ofString(xml));
    }

    HttpResponse<String> post(Push push) {
        return post(push.query(), push.body());
    }

    /** How many rows pushes have written: pushes recorded, WeChat users, outbox rows and quotes. */
    int stored() {
        return jdbc.sql("select (select count(*) from inbound_push) + (select count(*) from wechat_user)"
                        + " + (select count(*) from delivery_outbox) + (select count(*) from quote)")
                .query(Integer.class)
                .single();
    }

    /** The management port's Prometheus page. */
    String metrics() {
        return new AppClient(managementPort).get("/actuator/prometheus").body();
    }
}
