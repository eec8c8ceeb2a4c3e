package com.wxqr.mp.callback;

import com.wxqr.mp.Article;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A passive reply: the body of the HTTP response to a push (docs/PROTOCOL.md#passive-replies). {@link #success()} tells
 * WeChat the push was handled and shows the user nothing; {@link #text} and {@link #news} are
 * shown in the chat.
 */
public sealed interface Reply permits Reply.Success, Reply.Text, Reply.News {

    /** The most news articles WeChat accepts in one passive reply. */
    int MAX_ARTICLES = 8;

    /** Nothing to show: the body is {@code success}, which needs no encryption. */
    static Reply success() {
        return Success.INSTANCE;
    }

    /** A text reply; line breaks are shown as such. */
    static Reply text(String content) {
        return new Text(content);
    }

    /**
     * A news reply of 1..8 articles. (WeChat shows only one when the push was a user's message.)
     *
     * @throws IllegalArgumentException for 0 or more than 8 articles
     */
    static Reply news(Article... articles) {
        return new News(List.of(articles));
    }

    /**
     * The reply as WeChat's XML, addressed to {@code toUser} (the OpenID) from {@code fromUser}
     * (the account's original ID). CDATA content is escaped so user text cannot break it.
     *
     * @throws IllegalStateException for {@link #success()}, which is no XML
     */
    String toXml(String toUser, String fromUser, long createTime);

    /**
     * Reads a plaintext XML reply, as WeChat does when it receives one.
     *
     * @throws CallbackRejectedException MALFORMED_XML for junk, a type other than text or news, or
     *         an ArticleCount that does not match the items; MISSING_PARAMETER for absent addresses
     */
    static ParsedReply parse(String xml) {
        XmlFields doc = XmlFields.parse(xml);
        Map<String, String> f = doc.fields();
        String toUser = required(f, "ToUserName");
        String fromUser = required(f, "FromUserName");
        long created = CallbackRejectedException.requireNumber(
                "CreateTime", required(f, "CreateTime").trim(), CallbackRejectedException.Reason.MALFORMED_XML);
        String msgType = required(f, "MsgType");
        Reply reply = switch (msgType) {
            case "text" -> new Text(f.getOrDefault("Content", ""));
            case "news" -> {
                List<Article> articles = new ArrayList<>();
                for (Map<String, String> item : doc.items()) {
                    try {
                        articles.add(new Article(
                                item.get("Title"), item.get("Description"), item.get("PicUrl"), item.get("Url")));
                    } catch (IllegalArgumentException e) {
                        throw new CallbackRejectedException(
                                CallbackRejectedException.Reason.MALFORMED_XML, "a news item has no Url");
                    }
                }
                String count = f.getOrDefault("ArticleCount", "").trim();
                if (!count.equals(Integer.toString(articles.size()))
                        || articles.isEmpty()
                        || articles.size() > MAX_ARTICLES) {
                    throw new CallbackRejectedException(
                            CallbackRejectedException.Reason.MALFORMED_XML,
                            "ArticleCount " + count + " does not match " + articles.size() + " items (1..8 allowed)");
                }
                yield new News(articles);
            }
            default ->
                throw new CallbackRejectedException(
                        CallbackRejectedException.Reason.MALFORMED_XML, "reply type " + msgType + " is not supported");
        };
        return new ParsedReply(toUser, fromUser, created, reply);
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.MISSING_PARAMETER, "the reply has no " + name);
        }
        return value;
    }

    /** See {@link Reply#success()}. */
    final class Success implements Reply {
        private static final Success INSTANCE = new Success();

        private Success() {}

        @Override
        public String toXml(String toUser, String fromUser, long createTime) {
            throw new IllegalStateException("success is not an XML reply");
        }

        @Override
        public String toString() {
            return "Reply.success";
        }
    }

    /** A text reply. */
    record Text(String content) implements Reply {
        public Text {
            if (content == null) {
                throw new IllegalArgumentException("content must not be null");
            }
        }

        @Override
        public String toXml(String toUser, String fromUser, long createTime) {
            return XmlWriter.message(toUser, fromUser, createTime, "text")
                    .cdata("Content", content)
                    .end();
        }
    }

    /** A news reply of 1..8 articles. */
    record News(List<Article> articles) implements Reply {
        public News {
            articles = List.copyOf(articles);
            if (articles.isEmpty() || articles.size() > MAX_ARTICLES) {
                throw new IllegalArgumentException(
                        "a news reply has 1.." + MAX_ARTICLES + " articles, not " + articles.size());
            }
        }

        @Override
        public String toXml(String toUser, String fromUser, long createTime) {
            XmlWriter xml = XmlWriter.message(toUser, fromUser, createTime, "news")
                    .number("ArticleCount", articles.size())
                    .open("Articles");
            for (Article article : articles) {
                xml.open("item")
                        .cdata("Title", article.title())
                        .cdata("Description", article.description())
                        .cdata("PicUrl", article.picUrl())
                        .cdata("Url", article.url())
                        .close("item");
            }
            return xml.close("Articles").end();
        }
    }
}
