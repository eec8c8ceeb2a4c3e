package com.wxqr.bench.callback;

import com.wxqr.mp.Article;
import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.ParsedReply;
import com.wxqr.mp.callback.Reply;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;

/**
 * Keeps the comparison honest: a reply produced by either pipeline must be opened by both sides —
 * our {@link CallbackCodec#openReply} and WxJava's {@code WxMpCryptUtil.decryptXml}, each checking
 * the MsgSignature — and must be the expected news card addressed back to the sender.
 */
public final class CrossCheck {

    private static final Pattern FIELD =
            Pattern.compile("<(MsgSignature|TimeStamp|Nonce)>(?:<!\\[CDATA\\[)?([^<\\]]*)");

    private final CallbackCodec receiverOfReplies = CallbackCodec.builder()
            .token(Account.TOKEN)
            .appId(Account.APP_ID)
            .encodingAesKey(Account.ENCODING_AES_KEY)
            .build();
    private final WxMpCryptUtil wxJavaCrypt;

    public CrossCheck() {
        WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
        config.setAppId(Account.APP_ID);
        config.setToken(Account.TOKEN);
        config.setAesKey(Account.ENCODING_AES_KEY);
        wxJavaCrypt = new WxMpCryptUtil(config);
    }

    /**
     * Runs both pipelines over every push and checks each reply with both decryptors.
     *
     * @throws IllegalStateException naming the first reply that fails
     */
    public void verify(List<WirePush> pushes, OurPipeline ours, WxJavaPipeline wxJava) {
        for (WirePush push : pushes) {
            verifyReply("ours", push, ours.handle(push));
            verifyReply("WxJava", push, wxJava.handle(push));
        }
    }

    /** Checks one response body from {@code producer} with both decryptors. */
    public void verifyReply(String producer, WirePush push, String responseBody) {
        String byUs = receiverOfReplies.openReply(responseBody);
        String byWxJava = wxJavaCrypt.decryptXml(
                field(responseBody, "MsgSignature"),
                field(responseBody, "TimeStamp"),
                field(responseBody, "Nonce"),
                responseBody);
        for (String xml : List.of(byUs, byWxJava)) {
            ParsedReply reply = Reply.parse(xml);
            Reply expected = Reply.news(QuoteCard.forScene(push.scene()));
            if (!reply.toUser().equals(push.openid())
                    || !reply.fromUser().equals(Account.ORIGINAL_ID)
                    || !reply.reply().equals(expected)) {
                Article got = reply.reply() instanceof Reply.News news
                        ? news.articles().get(0)
                        : null;
                throw new IllegalStateException(producer + "'s reply to scene " + push.scene() + " is wrong: " + got);
            }
        }
        if (!byUs.equals(byWxJava)) {
            throw new IllegalStateException("the two decryptors disagree on " + producer + "'s reply");
        }
    }

    private static String field(String envelope, String name) {
        Matcher m = FIELD.matcher(envelope);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("the reply envelope has no " + name);
    }
}
