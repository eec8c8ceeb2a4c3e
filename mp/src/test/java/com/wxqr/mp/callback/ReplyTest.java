package com.wxqr.mp.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.mp.Article;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ReplyTest {

    private static final Article CARD = new Article("您的装修报价", "套内 80㎡，总价 ¥96,000", "http://x/p.png", "http://x/q/abc");

    @Test
    void textReplyIsWeChatsXml() {
        assertThat(Reply.text("你好").toXml("oUser", "gh_abc", 12345678L))
                .isEqualTo(
                        "<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_abc]]></FromUserName>"
                                + "<CreateTime>12345678</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                                + "<Content><![CDATA[你好]]></Content></xml>");
    }

    @Test
    void newsReplyRoundTrips() {
        String xml = Reply.news(CARD).toXml("oUser", "gh_abc", 7L);
        assertThat(xml).contains("<ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[您的装修报价]]></Title>");
        ParsedReply parsed = Reply.parse(xml);
        assertThat(parsed).isEqualTo(new ParsedReply("oUser", "gh_abc", 7L, Reply.news(CARD)));
    }

    @Test
    void cdataTerminatorsAndForbiddenCharactersInUserTextCannotBreakTheDocument() {
        String hostile = "a]]><injected>b</injected>]]]]>\u0001\u0008c\uD83D\uDE00\uD800";
        String xml = Reply.text(hostile).toXml("o]]>x", "gh", 1L);
        ParsedReply parsed = Reply.parse(xml);
        assertThat(parsed.toUser()).isEqualTo("o]]>x");
        assertThat(parsed.reply()).isEqualTo(Reply.text("a]]><injected>b</injected>]]]]>c\uD83D\uDE00"));
    }

    @Test
    void newsHasOneToEightArticles() {
        assertThatThrownBy(Reply::news)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 0");
        assertThatThrownBy(() -> Reply.news(Collections.nCopies(9, CARD).toArray(Article[]::new)))
                .isInstanceOf(IllegalArgumentException.class);
        Reply eight = Reply.news(Collections.nCopies(8, CARD).toArray(Article[]::new));
        assertThat(Reply.parse(eight.toXml("o", "gh", 1)).reply()).isEqualTo(eight);
    }

    @Test
    void successIsNotXml() {
        assertThatThrownBy(() -> Reply.success().toXml("o", "gh", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parseRefusesWhatWeChatWouldRefuse() {
        String badCount = Reply.news(CARD).toXml("o", "gh", 1).replace("<ArticleCount>1<", "<ArticleCount>2<");
        String badTime = Reply.text("x").toXml("o", "gh", 1).replace("<CreateTime>1<", "<CreateTime>[1682391258]<");
        String noTo = Reply.text("x").toXml("", "gh", 1);
        assertThatThrownBy(() -> Reply.parse(badCount))
                .isInstanceOf(CallbackRejectedException.class)
                .hasMessageContaining("ArticleCount");
        assertThatThrownBy(() -> Reply.parse(badTime))
                .isInstanceOf(CallbackRejectedException.class)
                .hasMessageContaining("CreateTime");
        assertThatThrownBy(() -> Reply.parse(noTo))
                .isInstanceOf(CallbackRejectedException.class)
                .hasMessageContaining("ToUserName");
        assertThatThrownBy(() -> Reply.parse("{\"reply\":1}")).isInstanceOf(CallbackRejectedException.class);
    }
}
