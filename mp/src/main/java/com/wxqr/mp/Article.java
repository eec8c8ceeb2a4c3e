package com.wxqr.mp;

/**
 * One news article (图文): the card a user sees in a passive news reply or a customer-service
 * news message. {@code title} and {@code description} may be empty; WeChat shows the card with
 * the picture at {@code picUrl} and opens {@code url} when it is tapped.
 */
public record Article(String title, String description, String picUrl, String url) {

    public Article {
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        picUrl = picUrl == null ? "" : picUrl;
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url must not be blank: a news card without a link cannot be opened");
        }
    }
}
