package com.wxqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.MessageMode;
import com.wxqr.mp.callback.Push;
import com.wxqr.mp.crypto.MessageCrypto;
import com.wxqr.mp.crypto.Signatures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Pins the mp primitives the emulator relies on to the official values (docs/PROTOCOL.md#official-test-vectors
 * Vector A), written out here again so that an error shared by the library and the emulator cannot hide.
 */
class OfficialVectorsPinTest {

    private static final String TOKEN = "AAAAA";
    private static final String AES_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String APP_ID = "wxba5fad812f8e6fb9";
    private static final String ENCRYPT =
            "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";
    private static final String MSG =
            "{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\",\"CreateTime\":1714112445,\"MsgType\":\"event\",\"Event\":\"debug_demo\",\"debug_str\":\"hello world\"}";
    private static final String REPLY_ENCRYPT =
            "ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==";

    @Test
    void url_verification_signature_matches_the_official_get_example() {
        assertThat(Signatures.sign(TOKEN, "1714036504", "1514711492"))
                .isEqualTo("f464b24fc39322e44b38aa78f5edd27bd1441696");
    }

    @Test
    void plaintext_push_query_carries_the_official_signature() {
        CallbackCodec codec = CallbackCodec.builder().token(TOKEN).build();
        Push push = codec.encodePush(
                "<xml><ToUserName><![CDATA[gh_x]]></ToUserName></xml>",
                MessageMode.PLAIN,
                "1714037059",
                "486452656",
                null);
        assertThat(push.query())
                .containsEntry("signature", "899cf89e464efb63f54ddac96b0a0a235f53aa78")
                .doesNotContainKeys("encrypt_type", "msg_signature", "openid");
    }

    @Test
    void vector_a_request_signatures_and_decryption() {
        assertThat(Signatures.sign(TOKEN, "1714112445", "415670741"))
                .isEqualTo("6c5c811b55cc85e0e1b54100749188c20beb3f5d");
        assertThat(Signatures.sign(TOKEN, "1714112445", "415670741", ENCRYPT))
                .isEqualTo("046e02f8204d34f8ba5fa3b1db94908f3df2e9b3");
        MessageCrypto crypto = new MessageCrypto(APP_ID, AES_KEY);
        assertThat(crypto.decrypt(ENCRYPT).message()).isEqualTo(MSG);
    }

    @Test
    void vector_a_reply_encryption_and_signature() {
        MessageCrypto crypto = new MessageCrypto(APP_ID, AES_KEY);
        String encrypted =
                crypto.encrypt("{\"demo_resp\":\"good luck\"}", "707722b803182950".getBytes(StandardCharsets.US_ASCII));
        assertThat(encrypted).isEqualTo(REPLY_ENCRYPT);
        assertThat(Signatures.sign(TOKEN, "1713424427", "415670741", REPLY_ENCRYPT))
                .isEqualTo("1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1");
    }

    @Test
    void the_reply_judge_opens_the_official_reply_envelope() {
        CallbackCodec codec = CallbackCodec.builder()
                .token(TOKEN)
                .appId(APP_ID)
                .encodingAesKey(AES_KEY)
                .build();
        String envelope = "<xml><Encrypt><![CDATA[" + REPLY_ENCRYPT + "]]></Encrypt>"
                + "<MsgSignature><![CDATA[1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1]]></MsgSignature>"
                + "<TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[415670741]]></Nonce></xml>";
        assertThat(codec.openReply(envelope)).isEqualTo("{\"demo_resp\":\"good luck\"}");
    }

    @Test
    void safe_mode_push_built_by_the_codec_decrypts_back_with_the_official_key() {
        CallbackCodec codec = CallbackCodec.builder()
                .token(TOKEN)
                .appId(APP_ID)
                .encodingAesKey(AES_KEY)
                .build();
        String xml =
                "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName></xml>";
        Push push = codec.encodePush(xml, MessageMode.SAFE, "1714112445", "415670741", "o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
        assertThat(push.query())
                .containsEntry("signature", "6c5c811b55cc85e0e1b54100749188c20beb3f5d")
                .containsEntry("encrypt_type", "aes")
                .containsEntry("openid", "o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
        String encrypt = push.body().replaceAll("(?s).*<Encrypt><!\\[CDATA\\[(.*?)]]></Encrypt>.*", "$1");
        assertThat(push.query().get("msg_signature"))
                .isEqualTo(Signatures.sign(TOKEN, "1714112445", "415670741", encrypt));
        assertThat(new MessageCrypto(APP_ID, AES_KEY).decrypt(encrypt).message())
                .isEqualTo(xml);
        assertThat(push.body()).doesNotContain("FromUserName");
    }
}
