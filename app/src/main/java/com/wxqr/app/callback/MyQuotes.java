package com.wxqr.app.callback;

import com.wxqr.app.delivery.QuoteCard;
import com.wxqr.app.quote.Quote;
import com.wxqr.app.quote.Quotes;
import com.wxqr.app.web.PublicUrl;
import com.wxqr.app.web.Texts;
import com.wxqr.mp.callback.ClickEvent;
import com.wxqr.mp.callback.InboundMessage;
import com.wxqr.mp.callback.TextMessage;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A follower coming back from the chat to their quotes: they type one of the words of
 * {@code wechat.myQuotes.keywords} (报价, 我的报价) or tap the menu item whose key is {@link #MENU_KEY}.
 * One quote: its news card (a passive reply after a text shows one article anyway); several: a text
 * with a link to each of the latest {@value #LISTED}; none: how to get one.
 */
@Component
class MyQuotes {
    /** The key of the custom-menu item 我的报价 (type click). */
    static final String MENU_KEY = "MY_QUOTES";

    static final int LISTED = 5;

    private final Quotes quotes;
    private final QuoteCard cards;
    private final PublicUrl publicUrl;
    private final Texts texts;
    private final Set<String> keywords;

    MyQuotes(Quotes quotes, QuoteCard cards, PublicUrl publicUrl, Texts texts) {
        this.quotes = quotes;
        this.cards = cards;
        this.publicUrl = publicUrl;
        this.texts = texts;
        this.keywords = Set.of(texts.text("wechat.myQuotes.keywords").split(","));
    }

    /** Whether the push asks for the sender's quotes. */
    boolean asked(InboundMessage message) {
        return (message instanceof TextMessage text
                        && keywords.contains(text.content().strip()))
                || (message instanceof ClickEvent click && MENU_KEY.equals(click.key()));
    }

    ReplyDecision reply(String openid) {
        List<Quote> owned = quotes.ownedBy(openid, LISTED);
        if (owned.isEmpty()) {
            return ReplyDecision.text(texts.text("wechat.myQuotes.none"));
        }
        if (owned.size() == 1) {
            return ReplyDecision.quoteNews(owned.get(0).publicId());
        }
        StringBuilder text = new StringBuilder(texts.text("wechat.myQuotes.list"));
        for (Quote quote : owned) {
            text.append("\n\n")
                    .append(cards.of(quote).title())
                    .append('\n')
                    .append(publicUrl.resolve("/q/" + quote.publicId()));
        }
        return ReplyDecision.text(text.toString());
    }
}
