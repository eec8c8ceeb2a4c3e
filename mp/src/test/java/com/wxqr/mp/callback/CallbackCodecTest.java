package com.wxqr.mp.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.mp.Article;
import com.wxqr.mp.crypto.MessageCrypto;
import com.wxqr.mp.crypto.MessageCrypto.KeySlot;
import com.wxqr.mp.crypto.OfficialVectors;
import com.wxqr.mp.crypto.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CallbackCodecTest {

    private static final String TOKEN = "wxqrToken";
    private static final String APP_ID = "wx0123456789abcdef";
    private static final String KEY = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
    private static final String OLD_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj";
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_714_112_445L), ZoneOffset.UTC);
    private static final String OPENID = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY";
    private static final String SCAN =
            "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[" + OPENID
                    + "]]></FromUserName><CreateTime>1714112445</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                    + "<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_s-abc]]></EventKey><Ticket><![CDATA[T1]]></Ticket></xml>";

    private final CallbackCodec codec = account(APP_ID, KEY).build();
    /** Accepts plaintext and encrypted pushes, to show each wire format through one receiver. */
    private final CallbackCodec compatible =
            account(APP_ID, KEY).messageMode(MessageMode.COMPATIBLE).build();

    /** A codec of the account {@code appId} with {@code encodingAesKey}, our token and the fixed clock. */
    private static CallbackCodec.Builder account(String appId, String encodingAesKey) {
        return CallbackCodec.builder()
                .token(TOKEN)
                .appId(appId)
                .encodingAesKey(encodingAesKey)
                .clock(NOW);
    }

    /** A codec of an official vector's account, without the replay window: the vectors are years old. */
    private static CallbackCodec officialAccount(String token, String appId, String encodingAesKey) {
        return CallbackCodec.builder()
                .token(token)
                .appId(appId)
                .encodingAesKey(encodingAesKey)
                .maxTimestampAge(Duration.ZERO)
                .build();
    }

    /** {@code receiver} opens {@code push} as it arrives: its query parameters and its body. */
    private static OpenedPush open(CallbackCodec receiver, Push push) {
        return receiver.open(CallbackParams.of(push.query()::get), push.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void urlVerificationEchoesOnTheOfficialExample() {
        CallbackCodec official = CallbackCodec.builder()
                .token("AAAAA")
                .maxTimestampAge(Duration.ZERO)
                .build(); // a 2024 sample
        CallbackParams params = new CallbackParams(
                "f464b24fc39322e44b38aa78f5edd27bd1441696", "1714036504", "1514711492", null, null, null);
        assertThat(official.verifyUrl(params, "4375120948345356249")).isEqualTo("4375120948345356249");
        CallbackParams forged = new CallbackParams(
                "f464b24fc39322e44b38aa78f5edd27bd1441697", "1714036504", "1514711492", null, null, null);
        assertRejected(() -> official.verifyUrl(forged, "1"), CallbackRejectedException.Reason.BAD_SIGNATURE);
        assertRejected(() -> official.verifyUrl(params, null), CallbackRejectedException.Reason.MISSING_PARAMETER);
    }

    @Test
    void opensAPlaintextPushSignedLikeTheOfficialExample() {
        CallbackCodec official = CallbackCodec.builder()
                .token("AAAAA")
                .clock(NOW)
                .maxTimestampAge(Duration.ZERO)
                .build();
        CallbackParams params = new CallbackParams(
                "899cf89e464efb63f54ddac96b0a0a235f53aa78", "1714037059", "486452656", null, null, null);
        OpenedPush opened = official.open(params, SCAN.getBytes(StandardCharsets.UTF_8));
        assertThat(opened.encrypted()).isFalse();
        assertThat(opened.message().qrScene()).contains("s-abc");
        assertThat(official.seal(opened, Reply.success())).isEqualTo("success");
        assertThat(Reply.parse(official.seal(opened, Reply.text("hi"))))
                .isEqualTo(
                        new ParsedReply(OPENID, "gh_97417a04a28d", NOW.instant().getEpochSecond(), Reply.text("hi")));
    }

    @Test
    void opensTheOfficialCompatibleModeSample() {
        CallbackCodec sample = officialAccount(
                OfficialVectors.C.get("Token"),
                OfficialVectors.C.get("AppID"),
                OfficialVectors.C.get("EncodingAESKey")); // a 2014 sample
        String body =
                "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]>"
                        + "</FromUserName><CreateTime>1409735668</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[abcdteT]]>"
                        + "</Content><MsgId>6054768590064713728</MsgId><Encrypt><![CDATA["
                        + OfficialVectors.C.get("Encrypt")
                        + "]]></Encrypt></xml>";
        CallbackParams params = new CallbackParams(
                Signatures.sign(
                        OfficialVectors.C.get("Token"),
                        OfficialVectors.C.get("timestamp"),
                        OfficialVectors.C.get("nonce")),
                OfficialVectors.C.get("timestamp"),
                OfficialVectors.C.get("nonce"),
                null,
                "aes",
                OfficialVectors.C.get("msg_signature"));
        OpenedPush opened = sample.open(params, body.getBytes(StandardCharsets.UTF_8));
        assertThat(opened.encrypted()).isTrue();
        assertThat(opened.message()).isInstanceOfSatisfying(TextMessage.class, m -> {
            assertThat(m.content()).isEqualTo("abcdteT");
            assertThat(m.dedupeKey()).isEqualTo("msg:6054768590064713728");
        });
    }

    @ParameterizedTest
    @EnumSource(MessageMode.class)
    void everyModeRoundTripsFromPushToReplyAsTheUserSeesIt(MessageMode mode) {
        Push push = codec.encodePush(SCAN, mode, "1714112445", "415670741", OPENID);
        assertThat(push.query()).containsEntry("openid", OPENID).containsKey("signature");
        if (mode == MessageMode.SAFE) {
            assertThat(push.body()).doesNotContain(OPENID).contains("<Encrypt>");
        }
        if (mode == MessageMode.COMPATIBLE) {
            assertThat(push.body()).contains(OPENID).contains("<Encrypt>");
        }
        OpenedPush opened = open(compatible, push);
        assertThat(opened.encrypted()).isEqualTo(mode != MessageMode.PLAIN);
        assertThat(opened.message()).isInstanceOf(SubscribeEvent.class);
        assertThat(opened.message().qrScene()).contains("s-abc");

        Article card = new Article("报价", "总价 ¥96,000 ]]> 节省", "http://x/p.png", "http://x/q/1");
        String body = compatible.seal(opened, Reply.news(card));
        if (mode != MessageMode.PLAIN) {
            assertThat(body)
                    .contains("<Encrypt>")
                    .contains("<MsgSignature>")
                    .contains("<TimeStamp>1714112445</TimeStamp>")
                    .doesNotContain(OPENID);
        }
        ParsedReply seen = Reply.parse(codec.openReply(body));
        assertThat(seen).isEqualTo(new ParsedReply(OPENID, "gh_97417a04a28d", 1714112445L, Reply.news(card)));
    }

    @Test
    void safeModeChecksMsgSignatureNotSignature() {
        Push push = codec.encodePush(SCAN, MessageMode.SAFE, "1714112445", "415670741", OPENID);
        Map<String, String> q = push.query();
        CallbackParams forgedMsgSignature = new CallbackParams(
                q.get("signature"),
                q.get("timestamp"),
                q.get("nonce"),
                OPENID,
                "aes",
                Signatures.sign(TOKEN, q.get("timestamp"), q.get("nonce"), "other"));
        assertRejected(
                () -> codec.open(forgedMsgSignature, push.body().getBytes(StandardCharsets.UTF_8)),
                CallbackRejectedException.Reason.BAD_SIGNATURE);
        CallbackParams noMsgSignature =
                new CallbackParams(q.get("signature"), q.get("timestamp"), q.get("nonce"), OPENID, "aes", null);
        assertRejected(
                () -> codec.open(noMsgSignature, push.body().getBytes(StandardCharsets.UTF_8)),
                CallbackRejectedException.Reason.MISSING_PARAMETER);
    }

    @Test
    void refusesAPlaintextPushWithAWrongSignature() {
        Push push = codec.encodePush(SCAN, MessageMode.PLAIN, "1714112445", "415670741", OPENID);
        CallbackParams params = new CallbackParams(
                Signatures.sign("otherToken", "1714112445", "415670741"),
                "1714112445",
                "415670741",
                OPENID,
                null,
                null);
        assertRejected(
                () -> compatible.open(params, push.body().getBytes(StandardCharsets.UTF_8)),
                CallbackRejectedException.Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesAPushEncryptedForAnotherAccount() {
        Push push = account("wxOTHERAPP00000000", KEY)
                .build()
                .encodePush(SCAN, MessageMode.SAFE, "1714112445", "415670741", OPENID);
        assertRejected(() -> open(codec, push), CallbackRejectedException.Reason.APPID_MISMATCH);
    }

    @Test
    void refusesAPushUnderAnUnknownKey() {
        Push push =
                account(APP_ID, OLD_KEY).build().encodePush(SCAN, MessageMode.SAFE, "1714112445", "415670741", OPENID);
        assertRejected(() -> open(codec, push), CallbackRejectedException.Reason.DECRYPTION_FAILED);
    }

    @Test
    void answersAPushUnderThePreviousKeyWithThatKey() {
        CallbackCodec beforeChange = account(APP_ID, OLD_KEY).build();
        CallbackCodec duringChange =
                account(APP_ID, KEY).previousEncodingAesKey(OLD_KEY).build();
        Push push = beforeChange.encodePush(SCAN, MessageMode.SAFE, "1714112445", "1", OPENID);
        OpenedPush opened = open(duringChange, push);
        assertThat(opened.keySlot()).isEqualTo(KeySlot.PREVIOUS);
        String reply = duringChange.seal(opened, Reply.text("ok"));
        assertThat(Reply.parse(beforeChange.openReply(reply)).reply()).isEqualTo(Reply.text("ok"));
    }

    @Test
    void refusesHostileBodiesBeforeDoingAnythingWithThem() {
        CallbackCodec small = CallbackCodec.builder()
                .token(TOKEN)
                .clock(NOW)
                .maxBodyBytes(1024)
                .build();
        String ts = "1714112445";
        CallbackParams params = new CallbackParams(Signatures.sign(TOKEN, ts, "n"), ts, "n", null, null, null);
        assertRejected(() -> small.open(params, new byte[1025]), CallbackRejectedException.Reason.TOO_LARGE);
        byte[] xxe =
                ("<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><ToUserName>&x;</ToUserName></xml>")
                        .getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> small.open(params, xxe), CallbackRejectedException.Reason.FORBIDDEN_DTD);
        assertRejected(
                () -> small.open(params, "<xml><ToUserName>".getBytes(StandardCharsets.UTF_8)),
                CallbackRejectedException.Reason.MALFORMED_XML);
        CallbackParams encrypted = new CallbackParams(null, ts, "n", null, "aes", "x");
        assertRejected(
                () -> small.open(encrypted, SCAN.getBytes(StandardCharsets.UTF_8)),
                CallbackRejectedException.Reason.ENCRYPTION_NOT_CONFIGURED);
        // An encrypted envelope that declares a DOCTYPE is refused before any signature or crypto work.
        byte[] hostileEnvelope = ("<!DOCTYPE xml [<!ENTITY x \"y\">]><xml><Encrypt>&x;</Encrypt></xml>")
                .getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> codec.open(encrypted, hostileEnvelope), CallbackRejectedException.Reason.FORBIDDEN_DTD);
    }

    @Test
    void openReplyRefusesAForgedEnvelopeAndPassesOtherBodiesThrough() {
        Push push = codec.encodePush(SCAN, MessageMode.SAFE, "1714112445", "1", OPENID);
        OpenedPush opened = open(codec, push);
        String sealed = codec.seal(opened, Reply.text("hi"));
        String forged =
                sealed.replaceAll("<MsgSignature><!\\[CDATA\\[[0-9a-f]+", "<MsgSignature><![CDATA[" + "0".repeat(40));
        assertRejected(() -> codec.openReply(forged), CallbackRejectedException.Reason.BAD_SIGNATURE);
        assertThat(codec.openReply("success")).isEqualTo("success");
        assertThat(codec.openReply("")).isEmpty();
        assertThat(codec.openReply("{\"json\":true}")).isEqualTo("{\"json\":true}");
    }

    @Test
    void configurationMistakesNameTheSetting() {
        assertThatThrownBy(() -> CallbackCodec.builder().build()).hasMessageContaining("token");
        assertThatThrownBy(() ->
                        CallbackCodec.builder().token("t").encodingAesKey(KEY).build())
                .hasMessageContaining("appId");
        assertThatThrownBy(() -> CallbackCodec.builder()
                        .token("t")
                        .appId("wx1")
                        .encodingAesKey(KEY.substring(1))
                        .build())
                .hasMessageContaining("encodingAesKey must be 43 characters");
    }

    @Test
    void vectorAEnvelopeVerifiesAndDecryptsThroughTheCodecPrimitives() {
        // Vector A is a JSON push; our codec reads XML, so the envelope is carried in XML here. Signature and
        // decryption are the official values; the JSON message inside is then refused as not XML.
        CallbackCodec official = officialAccount(
                OfficialVectors.A.get("Token"),
                OfficialVectors.A.get("AppID"),
                OfficialVectors.A.get("EncodingAESKey"));
        CallbackParams params = new CallbackParams(
                OfficialVectors.A.get("signature"),
                OfficialVectors.A.get("timestamp"),
                OfficialVectors.A.get("nonce"),
                OPENID,
                "aes",
                OfficialVectors.A.get("msg_signature"));
        byte[] body = ("<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA["
                        + OfficialVectors.A.get("Encrypt") + "]]></Encrypt></xml>")
                .getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> official.open(params, body), CallbackRejectedException.Reason.MALFORMED_XML);
        assertThat(new MessageCrypto(OfficialVectors.A.get("AppID"), OfficialVectors.A.get("EncodingAESKey"))
                        .decrypt(OfficialVectors.A.get("Encrypt"))
                        .message())
                .isEqualTo(OfficialVectors.A.get("msg"));
    }

    static void assertRejected(ThrowingCallable call, CallbackRejectedException.Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        CallbackRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
