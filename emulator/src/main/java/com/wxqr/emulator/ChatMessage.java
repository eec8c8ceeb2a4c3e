package com.wxqr.emulator;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a user's chat with the account.
 *
 * @param seq      order in the chat, from 1
 * @param from     {@code user}, {@code account}, {@code system} or {@code friend} (a page another user shared)
 * @param via      for the account's messages: {@code passive} (reply to a push), {@code customer_service} or
 *                 {@code subscribe_notification} (a service notification sent by {@code subscribe/bizsend}); for a
 *                 friend's share, the friend's nickname; else null
 * @param type     {@code text}, {@code news}, {@code notice} or {@code notification}
 * @param content  the text (text, notice and notification: its title, a line break, the filled-in content), null for news
 * @param articles the cards of a news message, the notification's link when it has one, empty otherwise
 */
public record ChatMessage(
        long seq, Instant time, String from, String via, String type, String content, List<NewsArticle> articles) {}
