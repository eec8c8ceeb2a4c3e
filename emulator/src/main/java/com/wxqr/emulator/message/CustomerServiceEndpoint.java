package com.wxqr.emulator.message;

import com.wxqr.emulator.EmulatorSettings;
import com.wxqr.emulator.NewsArticle;
import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.accounts.Accounts;
import com.wxqr.emulator.accounts.DailyQuotas;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.http.Json;
import com.wxqr.emulator.http.WeChatError;
import com.wxqr.emulator.users.User;
import com.wxqr.emulator.users.Users;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /cgi-bin/message/custom/send} (docs/PROTOCOL.md#customer-service-messages): a text or news message into
 * the user's chat, within the customer-service windows the user's interactions opened.
 */
public record CustomerServiceEndpoint(
        Accounts accounts, Users users, DailyQuotas quotas, EmulatorSettings settings, Clock clock) {

    public void send(Exchange ex) throws Exception {
        Account account = accounts.requireToken(ex.query("access_token"));
        JsonNode body = ex.wechatJsonObject();
        quotas.consume(account.appId(), "custom_send", settings.customSendDailyQuota());
        User user = users.find(Json.text(body, "touser"));
        if (user == null || !user.appId().equals(account.appId())) {
            throw WeChatError.of(40003);
        }
        String msgtype = Json.text(body, "msgtype");
        if ("text".equals(msgtype)) {
            String content = Json.text(body.path("text"), "content");
            if (content == null || content.isEmpty()) {
                throw WeChatError.of(40035);
            }
            user.takeCustomerServiceSlot(clock.instant(), settings);
            user.addToChat(clock.instant(), "account", "customer_service", "text", content, null);
        } else if ("news".equals(msgtype)) {
            List<NewsArticle> cards = articles(body.path("news").get("articles"));
            user.takeCustomerServiceSlot(clock.instant(), settings);
            user.addToChat(clock.instant(), "account", "customer_service", "news", null, cards);
        } else {
            throw WeChatError.of(40008);
        }
        ex.json(200, Json.object().put("errcode", 0).put("errmsg", "ok"));
    }

    private List<NewsArticle> articles(JsonNode articles) {
        if (articles == null || !articles.isArray()) {
            throw WeChatError.of(45162);
        }
        if (articles.isEmpty()) {
            throw WeChatError.of(40035);
        }
        if (articles.size() > settings.maxCustomNewsArticles()) {
            throw WeChatError.of(45008);
        }
        List<NewsArticle> cards = new ArrayList<>();
        for (JsonNode a : articles) {
            String url = Json.text(a, "url");
            if (!a.isObject() || url == null || url.isBlank()) {
                throw WeChatError.of(40035);
            }
            cards.add(new NewsArticle(
                    nonNull(Json.text(a, "title")),
                    nonNull(Json.text(a, "description")),
                    url,
                    nonNull(Json.text(a, "picurl"))));
        }
        return cards;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
