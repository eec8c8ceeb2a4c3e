package com.wxqr.app.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppClient;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.MessageMode;
import com.wxqr.mp.callback.Push;
import com.wxqr.mp.callback.Reply;
import com.wxqr.mp.crypto.MessageCrypto;
import com.wxqr.mp.crypto.Signatures;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The raw endpoint: URL verification, the three modes, and hostile requests refused with 4xx. */
@SafePassiveApp
class CallbackEndpointTest extends RawCallback {
    /** Posts an event push from {@code openid}, sent at {@code t}; {@code withOpenid} adds the openid query parameter. */
    HttpResponse<String> push(
            String openid, long t, String event, String eventKey, MessageMode mode, String nonce, boolean withOpenid) {
        return post(sender().encodePush(
                        xml(openid, t, event, eventKey), mode, String.valueOf(t), nonce, withOpenid ? openid : null));
    }

    @Test
    void theUrlVerificationEchoesOnlyWithAValidSignature() {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String sig = Signatures.sign(account.token(), ts, "1514711492");
        AppClient app = app();
        var ok = app.get("/wechat/callback?signature=" + sig + "&timestamp=" + ts
                + "&nonce=1514711492&echostr=4375120948345356249");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("4375120948345356249");
        var bad = app.get("/wechat/callback?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=" + ts
                + "&nonce=1514711492&echostr=4375120948345356249");
        assertThat(bad.statusCode()).isEqualTo(403);
        assertThat(bad.body()).doesNotContain("4375120948345356249");
    }

    @Test
    void withAnEncodingAesKeyPlaintextPushesAreRefusedAndCompatibleAndSafePushesAnswered() {
        long t = Instant.now().getEpochSecond();
        int before = stored();
        HttpResponse<String> plain =
                push("oPlainUser000000000000000001", t, "subscribe", "", MessageMode.PLAIN, "11", false);
        assertThat(plain.statusCode())
                .as("safe mode, the default with a key: the plaintext downgrade")
                .isEqualTo(403);
        assertThat(plain.body()).isEqualTo("ENCRYPTION_REQUIRED");
        assertThat(stored()).isEqualTo(before);

        HttpResponse<String> compatible =
                push("oCompUser0000000000000000001", t, "subscribe", "", MessageMode.COMPATIBLE, "12", true);
        assertThat(compatible.statusCode()).isEqualTo(200);
        assertThat(compatible.body()).contains("<Encrypt>").contains("<MsgSignature>");
        assertThat(Reply.parse(sender().openReply(compatible.body())).reply()).isInstanceOf(Reply.Text.class);

        HttpResponse<String> safe =
                push("oSafeUser0000000000000000001", t, "unsubscribe", "", MessageMode.SAFE, "13", true);
        assertThat(safe.statusCode()).isEqualTo(200);
        assertThat(safe.body()).isEqualTo("success");
    }

    @Test
    void aScanPushedDirectlyWithAnUnknownSceneGetsAClearTextAndClaimsNothing() {
        long t = Instant.now().getEpochSecond();
        HttpResponse<String> answer =
                push("oUnknownScene000000000000001", t, "SCAN", "no-such-scene", MessageMode.SAFE, "21", false);
        Reply reply = Reply.parse(sender().openReply(answer.body())).reply();
        assertThat(((Reply.Text) reply).content()).contains("二维码已失效");
    }

    @Test
    void hostileCallbacksAreRefusedWith4xxAndNothingIsStored() {
        JsonNode quote = app().createQuote();
        String scene = jdbc.sql("select scene_str from qr_code where quote_id = :id")
                .param("id", quote.get("id").asString())
                .query(String.class)
                .single();
        long t = Instant.now().getEpochSecond();
        String scanXml = xml("oHostile00000000000000000001", t, "subscribe", "qrscene_" + scene);
        int before = stored();

        Push good = sender().encodePush(scanXml, MessageMode.SAFE, String.valueOf(t), "31", null);
        Map<String, String> badSignature = new LinkedHashMap<>(good.query());
        badSignature.put("msg_signature", "0000000000000000000000000000000000000000");
        assertThat(post(badSignature, good.body()).statusCode()).isEqualTo(403);

        Map<String, String> plainBadSignature =
                new LinkedHashMap<>(sender().encodePush(scanXml, MessageMode.PLAIN, String.valueOf(t), "32", null)
                        .query());
        plainBadSignature.put("signature", "0000000000000000000000000000000000000000");
        assertThat(post(plainBadSignature, scanXml).statusCode()).isEqualTo(403);

        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + scanXml.replace("oHostile00000000000000000001", "&x;");
        assertThat(post(sender().encodePush(xxe, MessageMode.PLAIN, String.valueOf(t), "33", null))
                        .statusCode())
                .as("refused as plaintext in safe mode before it is read")
                .isEqualTo(403);
        String encrypted = new MessageCrypto(account.appId(), account.encodingAesKey()).encrypt(xxe);
        assertThat(post(
                                Map.of(
                                        "timestamp",
                                        String.valueOf(t),
                                        "nonce",
                                        "34",
                                        "encrypt_type",
                                        "aes",
                                        "signature",
                                        Signatures.sign(account.token(), String.valueOf(t), "34"),
                                        "msg_signature",
                                        Signatures.sign(account.token(), String.valueOf(t), "34", encrypted)),
                                "<xml><ToUserName><![CDATA[gh_9a8b7c6d5e4f]]></ToUserName><Encrypt><![CDATA["
                                        + encrypted + "]]></Encrypt></xml>")
                        .statusCode())
                .isEqualTo(400);

        String huge = scanXml.replace("</xml>", "<Padding>" + "x".repeat(300 * 1024) + "</Padding></xml>");
        assertThat(post(sender().encodePush(huge, MessageMode.PLAIN, String.valueOf(t), "35", null))
                        .statusCode())
                .isEqualTo(413);

        CallbackCodec otherAccount = CallbackCodec.builder()
                .token(account.token())
                .appId("wx0000000000000bad")
                .encodingAesKey(account.encodingAesKey())
                .build();
        assertThat(post(otherAccount.encodePush(scanXml, MessageMode.SAFE, String.valueOf(t), "36", null))
                        .statusCode())
                .isEqualTo(403);

        assertThat(post(Map.of("timestamp", String.valueOf(t), "nonce", "37"), scanXml)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(Map.of("timestamp", String.valueOf(t), "nonce", "37", "encrypt_type", "aes"), good.body())
                        .statusCode())
                .as("no msg_signature")
                .isEqualTo(400);

        assertThat(stored()).isEqualTo(before);
        assertThat(app().status(quote.get("id").asString())).isEqualTo("waiting");

        // the genuine push still works afterwards
        assertThat(post(good).statusCode()).isEqualTo(200);
        assertThat(app().status(quote.get("id").asString())).isEqualTo("delivered");
    }

    @Test
    void callbacksAndApiCallsShowInThePrometheusMetricsOnTheManagementPort() {
        app().createQuote();
        String metrics = metrics();
        assertThat(metrics).contains("wxqr_wechat_api_calls_total{api=\"qrcode/create\",errcode=\"0\",outcome=\"ok\"}");
        assertThat(metrics).contains("wxqr_callbacks_total");
        assertThat(metrics).contains("wxqr_token_refreshes_total{outcome=\"ok\"}");
        assertThat(new AppClient(managementPort).get("/actuator/health").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void pushesAreCountedByOutcomeButLeftOutOfThePerRequestHttpTimers() {
        long t = Instant.now().getEpochSecond();
        HttpResponse<String> answer = post(sender().encodePush(
                        xml("oMetricsUnknownScene00000001", t, "SCAN", "no-such-scene"),
                        MessageMode.SAFE,
                        String.valueOf(t),
                        "22",
                        null));
        assertThat(answer.statusCode()).isEqualTo(200);
        app().createQuote();

        String metrics = metrics();
        assertThat(metrics).contains("wxqr_callbacks_total{outcome=\"handled\",type=\"ScanEvent\"}");
        assertThat(metrics).contains("http_server_requests_seconds_count{").doesNotContain("/wechat/callback");
    }
}
