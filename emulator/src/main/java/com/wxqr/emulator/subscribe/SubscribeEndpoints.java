package com.wxqr.emulator.subscribe;

import com.wxqr.emulator.NewsArticle;
import com.wxqr.emulator.accounts.Account;
import com.wxqr.emulator.accounts.Accounts;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.http.Json;
import com.wxqr.emulator.http.WeChatError;
import com.wxqr.emulator.users.User;
import com.wxqr.emulator.users.Users;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The subscription-notification APIs (docs/PROTOCOL.md#subscription-notifications): {@code message/subscribe/bizsend}
 * and {@code wxaapi/newtmpl/gettemplate}. A send takes one of the user's one-time subscriptions to the template
 * (43101 when none is left) and shows the notification in the user's chat as a service notification.
 */
public record SubscribeEndpoints(Accounts accounts, Users users, SubscribeTemplates templates, Clock clock) {

    private static final AtomicLong MSG_IDS = new AtomicLong(1_700_000_000_000_000_000L);

    /** {@code POST /cgi-bin/message/subscribe/bizsend}. */
    public void bizsend(Exchange ex) throws Exception {
        Account account = accounts.requireToken(ex.query("access_token"));
        JsonNode body = ex.wechatJsonObject();
        User user = users.find(Json.text(body, "touser"));
        if (user == null || !user.appId().equals(account.appId())) {
            throw WeChatError.of(40003);
        }
        SubscribeTemplate template = templates.find(account.appId(), Json.text(body, "template_id"));
        if (template == null) {
            throw new WeChatError(40037, "invalid template_id");
        }
        Map<String, String> values = values(template, body.get("data"));
        if (!user.takeSubscription(template.priTmplId())) {
            throw new WeChatError(43101, "user refuse to accept the msg");
        }
        String page = Json.text(body, "page");
        List<NewsArticle> link =
                page == null || page.isBlank() ? null : List.of(new NewsArticle(template.title(), "", page, ""));
        user.addToChat(
                clock.instant(),
                "account",
                "subscribe_notification",
                "notification",
                template.title() + "\n" + template.render(values),
                link);
        ex.json(200, Json.object().put("errcode", 0).put("errmsg", "ok").put("msgid", MSG_IDS.incrementAndGet()));
    }

    /** {@code GET /wxaapi/newtmpl/gettemplate}: the account's templates. */
    public void list(Exchange ex) throws Exception {
        Account account = accounts.requireToken(ex.query("access_token"));
        ObjectNode answer = Json.object().put("errcode", 0).put("errmsg", "ok");
        ArrayNode data = answer.putArray("data");
        for (SubscribeTemplate t : templates.of(account.appId())) {
            data.addObject()
                    .put("priTmplId", t.priTmplId())
                    .put("title", t.title())
                    .put("content", t.content())
                    .put("example", "")
                    .put("type", t.type());
        }
        ex.json(200, answer);
    }

    /** Every key of the template with a valid value, else 47003 naming the first bad key. */
    private static Map<String, String> values(SubscribeTemplate template, JsonNode data) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : template.keys()) {
            JsonNode v =
                    data == null || !data.isObject() ? null : data.path(key).get("value");
            String value = v == null || v.isNull() ? null : v.isValueNode() ? v.asString() : null;
            if (value == null || value.isEmpty()) {
                throw new WeChatError(47003, "argument invalid! data." + key + ".value is empty");
            }
            if (!fits(key, value)) {
                throw new WeChatError(47003, "argument invalid! data." + key + ".value invalid");
            }
            values.put(key, value);
        }
        return values;
    }

    /** The value limits of the key's type (docs/PROTOCOL.md#subscription-notifications), for the common types. */
    static boolean fits(String key, String value) {
        String type = key.replaceAll("[0-9]+$", "");
        int length = value.codePointCount(0, value.length());
        return switch (type) {
            case "thing" -> length <= 20;
            case "number" -> length <= 32 && value.matches("[0-9]+(\\.[0-9]+)?");
            case "character_string" -> length <= 32 && value.matches("[\\x21-\\x7e]+");
            case "phrase" -> length <= 5 && value.matches("\\p{IsHan}+");
            case "name" -> length <= 10 || (length <= 20 && value.matches("[\\x20-\\x7e]+"));
            case "amount" -> value.matches("[¥$€]?[0-9]{1,10}(\\.[0-9]+)?元?");
            case "time", "date" -> length <= 40 && !value.contains("\n");
            default -> length <= 20;
        };
    }
}
