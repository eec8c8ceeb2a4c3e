package com.wxqr.bench.callback;

import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.CallbackParams;
import com.wxqr.mp.callback.MessageMode;
import com.wxqr.mp.callback.Push;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the benchmark's inputs: distinct safe-mode pushes from distinct users, half of them a
 * follow through a parametric QR code ({@code subscribe} with {@code qrscene_…}), half a scan by
 * a follower ({@code SCAN}), with int and string scenes alternating. They are encrypted and signed
 * by {@link CallbackCodec#encodePush}, the sender's side of our library, with a seeded random, so
 * every run measures the same bytes.
 */
public final class SafeModePushes {

    private static final String OPENID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private SafeModePushes() {}

    /** {@code count} distinct pushes, stamped with the current time. */
    public static List<WirePush> build(int count) {
        CallbackCodec sender = CallbackCodec.builder()
                .token(Account.TOKEN)
                .appId(Account.APP_ID)
                .encodingAesKey(Account.ENCODING_AES_KEY)
                .build();
        SplittableRandom random = new SplittableRandom(20_261_125L);
        long now = Instant.now().getEpochSecond();
        List<WirePush> pushes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder openid = new StringBuilder("o6_bm");
            while (openid.length() < 28) {
                openid.append(OPENID_ALPHABET.charAt(random.nextInt(OPENID_ALPHABET.length())));
            }
            String scene = i % 4 < 2
                    ? Integer.toString(100_000 + random.nextInt(900_000))
                    : "quote-" + Long.toHexString(random.nextLong() & 0xffffffffffffL);
            boolean follow = i % 2 == 0;
            String ticket = "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2" + Integer.toHexString(0x10000 + i);
            String xml = "<xml><ToUserName><![CDATA[" + Account.ORIGINAL_ID + "]]></ToUserName>"
                    + "<FromUserName><![CDATA[" + openid + "]]></FromUserName>"
                    + "<CreateTime>" + (now - i) + "</CreateTime>"
                    + "<MsgType><![CDATA[event]]></MsgType>"
                    + "<Event><![CDATA[" + (follow ? "subscribe" : "SCAN") + "]]></Event>"
                    + "<EventKey><![CDATA[" + (follow ? "qrscene_" : "") + scene + "]]></EventKey>"
                    + "<Ticket><![CDATA[" + ticket + "]]></Ticket></xml>";
            String timestamp = Long.toString(now);
            String nonce = Long.toString(1_000_000_000L + random.nextLong(9_000_000_000L));
            Push push = sender.encodePush(xml, MessageMode.SAFE, timestamp, nonce, openid.toString());
            CallbackParams params = CallbackParams.of(push.query()::get);
            pushes.add(WirePush.of(params, push.body(), openid.toString(), scene));
        }
        return List.copyOf(pushes);
    }
}
