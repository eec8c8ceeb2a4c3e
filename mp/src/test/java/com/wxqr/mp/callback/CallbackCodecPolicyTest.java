package com.wxqr.mp.callback;

import static com.wxqr.mp.callback.CallbackCodecTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.mp.callback.CallbackRejectedException.Reason;
import com.wxqr.mp.crypto.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each message mode accepts (plaintext and encrypted pushes, URL verification), and the replay
 * window at its edges, with a fixed clock.
 */
class CallbackCodecPolicyTest {

    private static final String TOKEN = "wxqrToken";
    private static final String APP_ID = "wx0123456789abcdef";
    private static final String KEY = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
    private static final long NOW_SECONDS = 1_764_590_000L;
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(NOW_SECONDS), ZoneOffset.UTC);
    private static final String TS = Long.toString(NOW_SECONDS);
    private static final String OPENID = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY";
    private static final String SCAN =
            "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[" + OPENID
                    + "]]></FromUserName><CreateTime>" + NOW_SECONDS
                    + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                    + "<Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[s-abc]]></EventKey><Ticket><![CDATA[T1]]></Ticket></xml>";

    /** WeChat's side: produces pushes in any wire format. */
    private static final CallbackCodec WECHAT = CallbackCodec.builder()
            .token(TOKEN)
            .appId(APP_ID)
            .encodingAesKey(KEY)
            .clock(NOW)
            .build();

    private static CallbackCodec.Builder receiver() {
        return CallbackCodec.builder().token(TOKEN).appId(APP_ID).clock(NOW);
    }

    private static CallbackCodec receiver(MessageMode mode, boolean withKey) {
        CallbackCodec.Builder b = receiver().messageMode(mode);
        return (withKey ? b.encodingAesKey(KEY) : b).build();
    }

    private static OpenedPush open(CallbackCodec codec, MessageMode wire) {
        Push push = WECHAT.encodePush(SCAN, wire, TS, "415670741", OPENID);
        return codec.open(CallbackParams.of(push.query()::get), push.body().getBytes(StandardCharsets.UTF_8));
    }

    private static CallbackParams verification(String timestamp) {
        return new CallbackParams(Signatures.sign(TOKEN, timestamp, "n"), timestamp, "n", null, null, null);
    }

    @ParameterizedTest(name = "{0} receiver (key: {1}), {2} push -> {3}")
    @CsvSource({
        "SAFE,       true,  PLAIN,      ENCRYPTION_REQUIRED",
        "SAFE,       true,  COMPATIBLE, accepted",
        "SAFE,       true,  SAFE,       accepted",
        "COMPATIBLE, true,  PLAIN,      accepted",
        "COMPATIBLE, true,  COMPATIBLE, accepted",
        "COMPATIBLE, true,  SAFE,       accepted",
        "PLAIN,      false, PLAIN,      accepted",
        "PLAIN,      false, COMPATIBLE, ENCRYPTION_NOT_CONFIGURED",
        "PLAIN,      false, SAFE,       ENCRYPTION_NOT_CONFIGURED",
        "PLAIN,      true,  SAFE,       accepted"
    })
    void eachModeAcceptsWhatWeChatSendsInItAndRefusesTheRest(
            MessageMode mode, boolean withKey, MessageMode wire, String outcome) {
        CallbackCodec codec = receiver(mode, withKey);
        if (outcome.equals("accepted")) {
            OpenedPush opened = open(codec, wire);
            assertThat(opened.encrypted()).isEqualTo(wire != MessageMode.PLAIN);
            assertThat(opened.message())
                    .isInstanceOfSatisfying(
                            ScanEvent.class, e -> assertThat(e.fromUser()).isEqualTo(OPENID));
        } else {
            assertRejected(() -> open(codec, wire), Reason.valueOf(outcome));
        }
        assertThat(codec.verifyUrl(verification(TS), "echo-1"))
                .as("URL verification works in every mode")
                .isEqualTo("echo-1");
    }

    @Test
    void safeModeRefusesThePlaintextDowngradeEvenWithAValidSignature() {
        // Only what an access log shows: signature/timestamp/nonce of a real push, and a forged plaintext body.
        Push real = WECHAT.encodePush(SCAN, MessageMode.SAFE, TS, "415670741", OPENID);
        CallbackParams leaked = new CallbackParams(real.query().get("signature"), TS, "415670741", null, null, null);
        byte[] forged = SCAN.replace(OPENID, "evil").getBytes(StandardCharsets.UTF_8);
        CallbackCodec safe = receiver().encodingAesKey(KEY).build();

        assertThat(safe.messageMode()).isEqualTo(MessageMode.SAFE);
        assertThatThrownBy(() -> safe.open(leaked, forged))
                .isInstanceOfSatisfying(
                        CallbackRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ENCRYPTION_REQUIRED))
                .hasMessageContaining("safe mode")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN, KEY, "evil"));
    }

    @Test
    void inCompatibleModeTheEncryptedPartIsWhatCounts() {
        Push push = WECHAT.encodePush(SCAN, MessageMode.COMPATIBLE, TS, "415670741", OPENID);
        String tampered = push.body().replace("<FromUserName><![CDATA[" + OPENID, "<FromUserName><![CDATA[evil");
        assertThat(tampered).contains("evil");

        OpenedPush opened = receiver(MessageMode.COMPATIBLE, true)
                .open(CallbackParams.of(push.query()::get), tampered.getBytes(StandardCharsets.UTF_8));

        assertThat(opened.message().fromUser()).isEqualTo(OPENID);
    }

    @Test
    void theDefaultModeIsSafeWithAKeyAndPlainWithout() {
        assertThat(receiver().encodingAesKey(KEY).build().messageMode()).isEqualTo(MessageMode.SAFE);
        assertThat(receiver().build().messageMode()).isEqualTo(MessageMode.PLAIN);
    }

    @Test
    void anEncryptedModeWithoutAKeyIsRefusedAtConstruction() {
        assertThatThrownBy(() -> receiver().messageMode(MessageMode.SAFE).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("messageMode SAFE needs an encodingAesKey");
        assertThatThrownBy(() -> receiver().messageMode(MessageMode.COMPATIBLE).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("messageMode COMPATIBLE needs an encodingAesKey");
    }

    @ParameterizedTest(name = "{0} s from now -> {1}")
    @CsvSource({
        "0,    accepted",
        "-300, accepted",
        "300,  accepted",
        "-301, STALE_TIMESTAMP",
        "301,  STALE_TIMESTAMP",
        "-86400, STALE_TIMESTAMP"
    })
    void theReplayWindowIsFiveMinutesEitherSideByDefaultForPushesAndVerification(long offset, String outcome) {
        CallbackCodec safe = receiver().encodingAesKey(KEY).build();
        CallbackCodec plain = receiver().build();
        String timestamp = Long.toString(NOW_SECONDS + offset);
        Push push = WECHAT.encodePush(SCAN, MessageMode.SAFE, timestamp, "1", OPENID);
        CallbackParams pushParams = CallbackParams.of(push.query()::get);
        byte[] body = push.body().getBytes(StandardCharsets.UTF_8);
        byte[] plainBody = SCAN.getBytes(StandardCharsets.UTF_8);

        if (outcome.equals("accepted")) {
            assertThat(safe.open(pushParams, body).message()).isInstanceOf(ScanEvent.class);
            assertThat(plain.open(verification(timestamp), plainBody).message()).isInstanceOf(ScanEvent.class);
            assertThat(plain.verifyUrl(verification(timestamp), "e")).isEqualTo("e");
        } else {
            assertRejected(() -> safe.open(pushParams, body), Reason.STALE_TIMESTAMP);
            assertRejected(() -> plain.open(verification(timestamp), plainBody), Reason.STALE_TIMESTAMP);
            assertRejected(() -> plain.verifyUrl(verification(timestamp), "e"), Reason.STALE_TIMESTAMP);
        }
    }

    @Test
    void theRefusalSaysWhetherTheTimestampIsOldOrInTheFuture() {
        CallbackCodec plain = receiver().build();
        assertThatThrownBy(() -> plain.verifyUrl(verification(Long.toString(NOW_SECONDS - 600)), "e"))
                .hasMessage("STALE_TIMESTAMP: timestamp is 600 s old, more than the 300 s allowed");
        assertThatThrownBy(() -> plain.verifyUrl(verification(Long.toString(NOW_SECONDS + 600)), "e"))
                .hasMessage("STALE_TIMESTAMP: timestamp is 600 s in the future, more than the 300 s allowed");
    }

    @Test
    void aZeroWindowSwitchesTheCheckOffAndAConfiguredOneIsHonoured() {
        String yesterday = Long.toString(NOW_SECONDS - 86_400);
        CallbackCodec off = receiver().maxTimestampAge(Duration.ZERO).build();
        assertThat(off.verifyUrl(verification(yesterday), "e")).isEqualTo("e");

        CallbackCodec tight = receiver().maxTimestampAge(Duration.ofSeconds(30)).build();
        assertThat(tight.verifyUrl(verification(Long.toString(NOW_SECONDS - 30)), "e"))
                .isEqualTo("e");
        assertRejected(
                () -> tight.verifyUrl(verification(Long.toString(NOW_SECONDS - 31)), "e"), Reason.STALE_TIMESTAMP);
        assertThatThrownBy(
                        () -> receiver().maxTimestampAge(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxTimestampAge");
    }
}
