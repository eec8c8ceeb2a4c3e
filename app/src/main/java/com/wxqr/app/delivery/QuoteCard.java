package com.wxqr.app.delivery;

import com.wxqr.app.quote.Quote;
import com.wxqr.app.web.PublicUrl;
import com.wxqr.mp.Article;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Builds a quote's news card from the configured templates; its link is the quote page {@code /q/{publicId}}. */
@Component
public class QuoteCard {
    private final DeliveryProperties properties;
    private final PublicUrl publicUrl;

    QuoteCard(DeliveryProperties properties, PublicUrl publicUrl) {
        this.properties = properties;
        this.publicUrl = publicUrl;
    }

    public Article of(Quote quote) {
        String picture = properties.pictureUrl().startsWith("/")
                ? publicUrl.resolve(properties.pictureUrl()).toString()
                : properties.pictureUrl();
        return new Article(
                fill(properties.titleTemplate(), quote),
                fill(properties.descriptionTemplate(), quote),
                picture,
                publicUrl.resolve("/q/" + quote.publicId()).toString());
    }

    static String fill(String template, Quote quote) {
        return template.replace("{area}", area(quote.buildingArea()))
                .replace("{usableArea}", area(quote.usableArea()))
                .replace("{total}", money(quote.total()))
                .replace("{market}", money(quote.marketTotal()))
                .replace("{saving}", money(quote.saving()));
    }

    private static String money(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    private static String area(BigDecimal value) {
        return new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
