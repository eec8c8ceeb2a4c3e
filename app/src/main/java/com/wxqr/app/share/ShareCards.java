package com.wxqr.app.share;

import com.wxqr.app.delivery.QuoteCard;
import com.wxqr.app.quote.Quote;
import com.wxqr.app.quote.ShareCardSource;
import com.wxqr.app.web.PublicUrl;
import com.wxqr.app.wechat.WeChatAccount;
import com.wxqr.mp.Article;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatException;
import com.wxqr.mp.crypto.JsApiSignature;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The share card of the quote page inside WeChat (docs/PROTOCOL.md#js-sdk): a {@code wx.config}
 * signed for the exact URL the page is on (docs/PROTOCOL.md#js-sdk-signature) and the card that
 * {@code updateAppMessageShareData} and {@code updateTimelineShareData} get: title
 * {@code <nickname>的装修报价}, the quote card's description (area, total, saving) and picture, and the
 * page's link. The page URL is built from {@code wxqr.public-url} and the request's path and query,
 * never from a {@code Host} header. The jsapi_ticket comes from {@link WeChatClient#jsapiTicket()},
 * shared cluster-wide like the access_token; when it cannot be had the page goes without a card.
 */
@Component
class ShareCards implements ShareCardSource {
    /**
     * The official JS-SDK script, used unless {@code wxqr.share.jssdk-url} is set or a {@link JsSdkScript} bean (the
     * demo's emulator) names another.
     */
    public static final String OFFICIAL_JSSDK_URL = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js";

    private static final Logger log = LoggerFactory.getLogger(ShareCards.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] NONCE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final WeChatClient weChat;
    private final WeChatAccount account;
    private final QuoteCard cards;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final URI scriptUrl;

    ShareCards(
            WeChatClient weChat,
            WeChatAccount account,
            QuoteCard cards,
            PublicUrl publicUrl,
            Clock clock,
            ObjectProvider<JsSdkScript> supplied,
            ShareProperties properties) {
        this.weChat = weChat;
        this.account = account;
        this.cards = cards;
        this.publicUrl = publicUrl;
        this.clock = clock;
        String scriptUrl = properties.jssdkUrl();
        JsSdkScript script = supplied.getIfAvailable();
        this.scriptUrl = !scriptUrl.isBlank()
                ? scriptUrl(scriptUrl)
                : script != null ? scriptUrl(script.url().toString()) : URI.create(OFFICIAL_JSSDK_URL);
    }

    private static URI scriptUrl(String setting) {
        URI uri;
        try {
            uri = URI.create(setting.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wxqr.share.jssdk-url is not a valid URL: " + e.getMessage());
        }
        if (!uri.isAbsolute() || uri.getHost() == null || !uri.getScheme().matches("https?")) {
            throw new IllegalArgumentException(
                    "wxqr.share.jssdk-url must be an absolute http(s) URL such as " + OFFICIAL_JSSDK_URL);
        }
        return uri;
    }

    @Override
    public String scriptUrl() {
        return scriptUrl.toString();
    }

    @Override
    public String scriptOrigin() {
        return scriptUrl.getScheme() + "://" + scriptUrl.getRawAuthority();
    }

    /**
     * The JSON the page's {@code share.js} hands to {@code wx.config} and the share APIs, for the page
     * at {@code pathAndQuery} (the request's raw path and query); empty when no jsapi_ticket can be had
     * (the page then works without a card).
     *
     * @param nickname the owner's nickname, or null for a neutral title
     */
    @Override
    public Optional<String> configFor(String pathAndQuery, Quote quote, String nickname) {
        String ticket;
        try {
            ticket = weChat.jsapiTicket().value();
        } catch (WeChatException e) {
            log.warn("no jsapi_ticket, the quote page goes without a share card: {}", e.getMessage());
            return Optional.empty();
        }
        String url =
                JsApiSignature.withoutFragment(publicUrl.resolve(pathAndQuery).toString());
        String nonce = nonce();
        long timestamp = clock.instant().getEpochSecond();
        Article card = cards.of(quote);
        ObjectNode config = JSON.createObjectNode();
        config.put("appId", account.appId());
        config.put("timestamp", timestamp);
        config.put("nonceStr", nonce);
        config.put("signature", JsApiSignature.sign(ticket, nonce, timestamp, url));
        config.putArray("jsApiList").add("updateAppMessageShareData").add("updateTimelineShareData");
        ObjectNode share = config.putObject("share");
        share.put("title", title(nickname));
        share.put("desc", card.description());
        share.put("link", card.url());
        share.put("imgUrl", card.picUrl());
        return Optional.of(JSON.writeValueAsString(config));
    }

    static String title(String nickname) {
        return nickname == null || nickname.isBlank() ? "一份装修报价" : nickname.strip() + "的装修报价";
    }

    private static String nonce() {
        char[] nonce = new char[16];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = NONCE_CHARS[RANDOM.nextInt(NONCE_CHARS.length)];
        }
        return new String(nonce);
    }
}
