package com.wxqr.bench.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.mp.callback.CallbackParams;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark's pipelines do the same work: each one's replies open on both sides. No timing here. */
class CallbackPipelinesTest {

    private static List<WirePush> pushes;
    private static OurPipeline ours;
    private static WxJavaPipeline wxJava;

    @BeforeAll
    static void build() {
        pushes = SafeModePushes.build(CallbackBenchmark.PUSHES);
        ours = new OurPipeline();
        wxJava = new WxJavaPipeline();
    }

    @AfterAll
    static void close() {
        wxJava.close();
    }

    @Test
    void thePushesAreDistinctSafeModePushes() {
        assertThat(pushes).hasSize(64);
        assertThat(pushes).extracting(WirePush::openid).doesNotHaveDuplicates();
        assertThat(pushes).extracting(WirePush::scene).doesNotHaveDuplicates();
        assertThat(pushes).allSatisfy(p -> {
            assertThat(p.params().encrypted()).isTrue();
            assertThat(p.bodyText()).contains("<Encrypt>").doesNotContain("FromUserName");
        });
    }

    @Test
    void bothPipelinesAnswerEveryPushWithACardBothSidesCanOpen() {
        new CrossCheck().verify(pushes, ours, wxJava);
    }

    @Test
    void theCrossCheckCatchesAReplyForTheWrongScene() {
        WirePush first = pushes.get(0);
        String replyToSecond = ours.handle(pushes.get(1));
        assertThatThrownBy(() -> new CrossCheck().verifyReply("ours", first, replyToSecond))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is wrong");
    }

    @Test
    void bothPipelinesRefuseAForgedMsgSignature() {
        WirePush push = pushes.get(0);
        CallbackParams p = push.params();
        WirePush forged = WirePush.of(
                new CallbackParams(
                        p.signature(),
                        p.timestamp(),
                        p.nonce(),
                        p.openid(),
                        p.encryptType(),
                        forgedFirstCharacter(p.msgSignature())),
                push.bodyText(),
                push.openid(),
                push.scene());
        assertThatThrownBy(() -> ours.handle(forged)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> wxJava.handle(forged)).isInstanceOf(RuntimeException.class);
    }

    /** The signature with its first hex digit changed (the pushes are signed now, so it may be any digit). */
    private static String forgedFirstCharacter(String signature) {
        return (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
    }
}
