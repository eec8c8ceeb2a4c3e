package com.wxqr.bench.callback;

import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.OpenedPush;
import com.wxqr.mp.callback.Reply;

/** Our side: {@link CallbackCodec#open} then {@link CallbackCodec#seal} with a one-article news reply. */
public final class OurPipeline {

    private final CallbackCodec codec = CallbackCodec.builder()
            .token(Account.TOKEN)
            .appId(Account.APP_ID)
            .encodingAesKey(Account.ENCODING_AES_KEY)
            .build();

    /**
     * Verifies msg_signature, decrypts, checks the AppID, parses, and answers with the quote card,
     * encrypted and signed. Thread-safe.
     *
     * @return the HTTP response body
     */
    public String handle(WirePush push) {
        OpenedPush opened = codec.open(push.params(), push.body());
        String scene = opened.message().qrScene().orElse("");
        return codec.seal(opened, Reply.news(QuoteCard.forScene(scene)));
    }
}
