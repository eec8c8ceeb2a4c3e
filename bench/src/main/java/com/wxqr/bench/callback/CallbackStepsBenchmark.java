package com.wxqr.bench.callback;

import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.InboundMessage;
import com.wxqr.mp.callback.OpenedPush;
import com.wxqr.mp.callback.Reply;
import com.wxqr.mp.crypto.MessageCrypto;
import com.wxqr.mp.crypto.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our pipeline taken apart, one step per benchmark, on the same pushes as
 * {@link CallbackPipelineBenchmark}: where the time and the allocation of one message go. Average
 * time per step, single thread.
 *
 * <p>Run: {@code java -jar bench/target/wxqr-bench.jar CallbackSteps -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CallbackStepsBenchmark extends CallbackBenchmark {

    private List<WirePush> pushes;
    private String[] encrypts;
    private String[] plainXml;
    private String[] replyXml;
    private OpenedPush[] inbounds;
    private MessageCrypto crypto;
    private CallbackCodec codec;

    @Setup
    public void setUp() {
        pushes = SafeModePushes.build(PUSHES);
        crypto = new MessageCrypto(Account.APP_ID, Account.ENCODING_AES_KEY);
        codec = CallbackCodec.builder()
                .token(Account.TOKEN)
                .appId(Account.APP_ID)
                .encodingAesKey(Account.ENCODING_AES_KEY)
                .build();
        int n = pushes.size();
        encrypts = new String[n];
        plainXml = new String[n];
        replyXml = new String[n];
        inbounds = new OpenedPush[n];
        for (int i = 0; i < n; i++) {
            String body = pushes.get(i).bodyText();
            int start = body.indexOf("<Encrypt><![CDATA[") + "<Encrypt><![CDATA[".length();
            encrypts[i] = body.substring(start, body.indexOf("]]>", start));
            plainXml[i] = crypto.decrypt(encrypts[i]).message();
            inbounds[i] = codec.open(pushes.get(i).params(), pushes.get(i).body());
            replyXml[i] = Reply.news(QuoteCard.forScene(pushes.get(i).scene()))
                    .toXml(pushes.get(i).openid(), Account.ORIGINAL_ID, 1_764_000_000L);
        }
    }

    /** The whole open: signature, envelope parse, decrypt, parse. */
    @Benchmark
    public OpenedPush open() {
        WirePush push = pushes.get(nextPush());
        return codec.open(push.params(), push.body());
    }

    /** The whole seal of a news reply: XML, encrypt, sign, envelope. */
    @Benchmark
    public String seal() {
        int i = nextPush();
        return codec.seal(
                inbounds[i], Reply.news(QuoteCard.forScene(pushes.get(i).scene())));
    }

    @Benchmark
    public String bodyToString() {
        return new String(pushes.get(nextPush()).body(), StandardCharsets.UTF_8);
    }

    @Benchmark
    public String msgSignature() {
        int i = nextPush();
        WirePush push = pushes.get(i);
        return Signatures.sign(
                Account.TOKEN, push.params().timestamp(), push.params().nonce(), encrypts[i]);
    }

    @Benchmark
    public String decrypt() {
        return crypto.decrypt(encrypts[nextPush()]).message();
    }

    /** Parsing the decrypted push into its typed value (the envelope parse costs the same again, on a shorter document). */
    @Benchmark
    public InboundMessage parse() {
        return InboundMessage.parse(plainXml[nextPush()]);
    }

    @Benchmark
    public String replyXml() {
        int i = nextPush();
        return Reply.news(QuoteCard.forScene(pushes.get(i).scene()))
                .toXml(pushes.get(i).openid(), Account.ORIGINAL_ID, 1_764_000_000L);
    }

    @Benchmark
    public String encrypt() {
        return crypto.encrypt(replyXml[nextPush()]);
    }
}
