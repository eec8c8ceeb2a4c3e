package com.wxqr.bench.e2e;

import tools.jackson.databind.JsonNode;

/** A user's chat as the emulator's control API gives it ({@code GET /emulator/users/{openid}/chat}). */
final class Chat {

    private Chat() {}

    /** How many of the account's news cards in {@code messages} link to the quote's page. */
    static int cardsOf(String quoteId, JsonNode messages) {
        int cards = 0;
        for (JsonNode message : messages) {
            if (!"account".equals(message.path("from").asString(""))) {
                continue;
            }
            for (JsonNode article : message.path("articles")) {
                if (article.path("url").asString("").endsWith("/q/" + quoteId)) {
                    cards++;
                }
            }
        }
        return cards;
    }
}
