package com.wxqr.app.quote;

import com.wxqr.app.system.UnguessableId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The quotes: priced and stored here, then moved along their {@link Progress} by the scan and
 * delivery features. Every progress change publishes {@link QuoteProgressed}.
 */
@Service
public class Quotes {
    private final QuoteRepository repository;
    private final PriceTable priceTable;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Quotes(QuoteRepository repository, PriceTable priceTable, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.priceTable = priceTable;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Prices and stores a new quote under a fresh unguessable public id, with where its visitor came from
     * ({@code source}; null: 直接访问).
     */
    @Transactional
    public Quote create(BigDecimal usableArea, Layout layout, String grade, String source) {
        Quote quote = priceTable.price(UnguessableId.next(), usableArea, layout, grade, clock.instant());
        repository.insert(quote, source);
        return quote;
    }

    public Optional<Quote> find(String publicId) {
        return repository.find(publicId);
    }

    /**
     * The quotes {@code openid} owns (scanned first), newest first, at most {@code limit}: 我的报价,
     * on the site ({@code /my}) and in the chat.
     */
    public List<Quote> ownedBy(String openid, int limit) {
        return repository.ownedBy(openid, limit);
    }

    public Optional<Progress> progress(String publicId) {
        return repository.progress(publicId);
    }

    /**
     * Records a scan of the quote's code by {@code openid}: the first scanner becomes the owner, and
     * a re-scan by the owner counts again. The quote moves to {@code reached}: {@code SCANNED}, or
     * {@code DELIVERED} when the card goes out with this very change (in the same statement).
     * Publishes "scanned" (and "delivered"). False, changing nothing, when someone else owns it.
     */
    @Transactional
    public boolean claim(String publicId, String openid, Progress.ScannedAs scannedAs, Progress.Stage reached) {
        if (reached != Progress.Stage.SCANNED && reached != Progress.Stage.DELIVERED) {
            throw new IllegalArgumentException("a scan reaches SCANNED or DELIVERED, not " + reached);
        }
        Instant now = clock.instant();
        if (!repository.claim(publicId, openid, scannedAs, reached, now)) {
            return false;
        }
        claimed(publicId, openid, scannedAs, reached, now);
        return true;
    }

    /**
     * Publishes what a claim stored at {@code at}: "scanned", and "delivered" when {@code reached}
     * is {@code DELIVERED} — exactly what the statement stored, so nothing is read back. For
     * {@link #claim} and for a claim made inside another statement (a push on PostgreSQL).
     */
    public void claimed(
            String publicId, String openid, Progress.ScannedAs scannedAs, Progress.Stage reached, Instant at) {
        events.publishEvent(
                new QuoteProgressed(publicId, new Progress(Progress.Stage.SCANNED, openid, scannedAs, null, at)));
        if (reached == Progress.Stage.DELIVERED) {
            events.publishEvent(new QuoteProgressed(publicId, new Progress(reached, openid, scannedAs, null, at)));
        }
    }

    private void publishProgress(String publicId) {
        events.publishEvent(
                new QuoteProgressed(publicId, repository.progress(publicId).orElseThrow()));
    }

    @Transactional
    public void markDelivered(String publicId) {
        repository.updateStage(publicId, Progress.Stage.DELIVERED, null, null, clock.instant());
        publishProgress(publicId);
    }

    /** Records that delivery ended in failure; {@code reason} is shown to the visitor on the PC page. */
    @Transactional
    public void markFailed(String publicId, String reason) {
        repository.updateStage(publicId, Progress.Stage.FAILED, null, reason, clock.instant());
        publishProgress(publicId);
    }
}
