package com.wxqr.bench.callback;

import com.wxqr.mp.Article;
import me.chanjar.weixin.common.api.WxConsts;
import me.chanjar.weixin.mp.api.WxMpMessageHandler;
import me.chanjar.weixin.mp.api.WxMpMessageRouter;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutNewsMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;

/**
 * The baseline: WxJava 4.7.0 as its own demo controller uses it —
 * {@code WxMpService.checkSignature}, {@code WxMpXmlMessage.fromEncryptedXml} (which verifies
 * msg_signature and decrypts), a synchronous {@link WxMpMessageRouter} rule whose handler returns
 * a news {@code WxMpXmlOutMessage}, and {@code toEncryptedXml}.
 *
 * <p>One deliberate change from WxJava's defaults, in its favour: the router's in-memory duplicate
 * checker is replaced by one that never reports a duplicate. The benchmark rotates through a fixed
 * set of pushes, which the default checker would (rightly) drop as retries; our pipeline does no
 * deduplication either (the app does it in its database).
 */
public final class WxJavaPipeline implements AutoCloseable {

    private final WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
    private final WxMpService service = new WxMpServiceImpl();
    private final WxMpMessageRouter router;

    public WxJavaPipeline() {
        config.setAppId(Account.APP_ID);
        config.setSecret(Account.APP_SECRET);
        config.setToken(Account.TOKEN);
        config.setAesKey(Account.ENCODING_AES_KEY);
        service.setWxMpConfigStorage(config);
        router = new WxMpMessageRouter(service);
        router.setMessageDuplicateChecker(messageId -> false);
        WxMpMessageHandler quoteCard = (message, context, mpService, sessions) -> {
            String key = message.getEventKey();
            String scene = key.startsWith("qrscene_") ? key.substring("qrscene_".length()) : key;
            Article card = QuoteCard.forScene(scene);
            WxMpXmlOutNewsMessage.Item item = new WxMpXmlOutNewsMessage.Item();
            item.setTitle(card.title());
            item.setDescription(card.description());
            item.setPicUrl(card.picUrl());
            item.setUrl(card.url());
            return WxMpXmlOutMessage.NEWS()
                    .addArticle(item)
                    .fromUser(message.getToUser())
                    .toUser(message.getFromUser())
                    .build();
        };
        router.rule()
                .async(false)
                .msgType(WxConsts.XmlMsgType.EVENT)
                .event(WxConsts.EventType.SUBSCRIBE)
                .handler(quoteCard)
                .end()
                .rule()
                .async(false)
                .msgType(WxConsts.XmlMsgType.EVENT)
                .event(WxConsts.EventType.SCAN)
                .handler(quoteCard)
                .end();
    }

    /**
     * Checks the signature, decrypts, parses, routes and answers, encrypted and signed.
     *
     * @return the HTTP response body
     * @throws IllegalStateException if the signature does not match or no rule answered
     */
    public String handle(WirePush push) {
        var p = push.params();
        if (!service.checkSignature(p.timestamp(), p.nonce(), p.signature())) {
            throw new IllegalStateException("WxJava refused the signature");
        }
        WxMpXmlMessage in =
                WxMpXmlMessage.fromEncryptedXml(push.bodyText(), config, p.timestamp(), p.nonce(), p.msgSignature());
        WxMpXmlOutMessage out = router.route(in);
        if (out == null) {
            throw new IllegalStateException("no WxJava rule answered " + in.getEvent());
        }
        return out.toEncryptedXml(config);
    }

    /** Stops the router's executor. */
    @Override
    public void close() {
        router.shutDownExecutorService();
    }
}
