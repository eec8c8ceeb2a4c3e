package com.wxqr.app.web;

import java.util.Locale;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * The site's words ({@code messages.properties}) in the site's one language: the locale of
 * {@code spring.web.locale} (zh_CN), which is also the fixed locale of every page. Pages, JSON
 * answers, chat replies and texts written by background work (a failed delivery's reason) read
 * them here, so they agree whatever thread or request asks.
 */
@Component
public class Texts {
    private final MessageSource messages;
    private final Locale locale;

    Texts(MessageSource messages, WebProperties web) {
        this.messages = messages;
        this.locale = web.getLocale() == null ? Locale.SIMPLIFIED_CHINESE : web.getLocale();
    }

    /**
     * The text of {@code key}, with {@code {0}}, {@code {1}}… filled from {@code arguments}.
     *
     * @throws org.springframework.context.NoSuchMessageException when there is none (a key in code is a bug)
     */
    public String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments.length == 0 ? null : arguments, locale);
    }

    /**
     * The text of {@code key}, or the key itself when there is none: for labels of values read
     * from the database (such as a grade no longer in the price table).
     */
    public String labelOrKey(String key) {
        return messages.getMessage(key, null, key, locale);
    }

    /** The message of a validation error. */
    public String text(MessageSourceResolvable resolvable) {
        return messages.getMessage(resolvable, locale);
    }
}
