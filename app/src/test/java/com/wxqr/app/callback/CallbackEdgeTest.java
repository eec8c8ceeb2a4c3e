package com.wxqr.app.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.mp.callback.MessageMode;
import com.wxqr.mp.callback.Push;
import com.wxqr.mp.crypto.Signatures;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

/**
 * The callback against what an attacker would send: bodies that are not XML (refused with 415
 * before they are read), old timestamps (a replay window is on by default), over real HTTP.
 */
@SafePassiveApp
class CallbackEdgeTest extends RawCallback {
    @Autowired
    MockMvc mvc;

    Push push(long timestamp, String nonce) {
        return sender().encodePush(
                        xml("oEdgeUser" + nonce, timestamp, "subscribe", ""),
                        MessageMode.SAFE,
                        String.valueOf(timestamp),
                        nonce,
                        null);
    }

    @Test
    void aFormEncodedBodyOfNearly2MegabytesIsRefusedWith415AndNothingIsStored() {
        int before = stored();
        Push genuine = push(Instant.now().getEpochSecond(), "415");
        String form = "a=" + "x".repeat(1_900_000);
        HttpResponse<String> answer =
                post(genuine.query(), "application/x-www-form-urlencoded", HttpRequest.BodyPublishers.ofString(form));
        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.body()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(post(genuine.query(), "application/json", HttpRequest.BodyPublishers.ofString("{}"))
                        .statusCode())
                .isEqualTo(415);
        assertThat(post(
                                genuine.query(),
                                "multipart/form-data; boundary=x",
                                HttpRequest.BodyPublishers.ofString("--x--"))
                        .statusCode())
                .isEqualTo(415);
        assertThat(stored()).isEqualTo(before);
        assertThat(metrics()).contains("wxqr_requests_refused_total{reason=\"callback-content-type\"}");

        // XML, with or without a charset, and no content type at all are read
        assertThat(post(genuine.query(), "text/xml; charset=UTF-8", HttpRequest.BodyPublishers.ofString(genuine.body()))
                        .statusCode())
                .isEqualTo(200);
        Push second = push(Instant.now().getEpochSecond(), "416");
        assertThat(post(second.query(), "application/xml", HttpRequest.BodyPublishers.ofString(second.body()))
                        .statusCode())
                .isEqualTo(200);
        Push third = push(Instant.now().getEpochSecond(), "417");
        assertThat(post(third.query(), null, HttpRequest.BodyPublishers.ofString(third.body()))
                        .statusCode())
                .isEqualTo(200);
    }

    /**
     * The 415 comes while most of the body is still unsent: the server decided on the headers alone
     * and read nothing (with a form type, Tomcat would otherwise parse up to 2 MB into parameters).
     */
    @Test
    void theRefusalComesBeforeTheBodyIsRead() throws Exception {
        Push genuine = push(Instant.now().getEpochSecond(), "418");
        String query = queryString(genuine.query());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /wechat/callback?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1900000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(("a=" + "x".repeat(16 * 1024)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).isEqualTo("HTTP/1.1 415");
        }
    }

    /**
     * The downgrade from the issue: the {@code signature}/{@code timestamp}/{@code nonce} triple of
     * any push URL (say, from an access log) with a plaintext body of the attacker's choosing.
     */
    @Test
    void aPlaintextPushToTheSafeModeAccountIsRefusedWith403AndNothingIsStored() throws Exception {
        int before = stored();
        long t = Instant.now().getEpochSecond();
        Push leaked = push(t, "701");
        Map<String, String> triple = Map.of(
                "signature",
                leaked.query().get("signature"),
                "timestamp",
                leaked.query().get("timestamp"),
                "nonce",
                leaked.query().get("nonce"));
        String forged = "<xml><ToUserName><![CDATA[gh_9a8b7c6d5e4f]]></ToUserName><FromUserName><![CDATA[evil]]>"
                + "</FromUserName><CreateTime>" + t + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[hi]]></Content><MsgId>1234567890123456</MsgId></xml>";
        HttpResponse<String> answer = post(triple, forged);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("ENCRYPTION_REQUIRED").doesNotContain("evil");

        mvc.perform(MockMvcRequestBuilders.post("/wechat/callback")
                        .queryParam("signature", triple.get("signature"))
                        .queryParam("timestamp", triple.get("timestamp"))
                        .queryParam("nonce", triple.get("nonce"))
                        .contentType("text/xml")
                        .content(forged))
                .andExpect(MockMvcResultMatchers.status().isForbidden())
                .andExpect(MockMvcResultMatchers.content().string("ENCRYPTION_REQUIRED"));
        assertThat(stored()).isEqualTo(before);
        assertThat(metrics()).contains("wxqr_requests_refused_total{reason=\"callback-encryption-required\"}");

        // the URL verification, signed the same way, still works in safe mode
        String ts = leaked.query().get("timestamp");
        HttpResponse<String> verification = app().get("/wechat/callback?signature=" + triple.get("signature")
                + "&timestamp=" + ts + "&nonce=701&echostr=e701");
        assertThat(verification.statusCode()).isEqualTo(200);
        assertThat(verification.body()).isEqualTo("e701");
    }

    @Test
    void aPushOrAUrlVerificationTenMinutesOldIsRefusedWith403AndNothingIsStored() {
        int before = stored();
        long tenMinutesAgo = Instant.now().getEpochSecond() - 600;
        Push old = push(tenMinutesAgo, "601");
        HttpResponse<String> answer = post(old);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("STALE_TIMESTAMP");
        String ts = String.valueOf(tenMinutesAgo);
        HttpResponse<String> verification = app().get("/wechat/callback?signature="
                + Signatures.sign(account.token(), ts, "602") + "&timestamp=" + ts + "&nonce=602&echostr=e602");
        assertThat(verification.statusCode()).isEqualTo(403);
        assertThat(verification.body()).doesNotContain("e602");
        assertThat(stored()).isEqualTo(before);

        long fourMinutesAgo = Instant.now().getEpochSecond() - 240; // within the window: WeChat's retries
        Push retried = push(fourMinutesAgo, "603");
        assertThat(post(retried).statusCode()).isEqualTo(200);
    }
}
