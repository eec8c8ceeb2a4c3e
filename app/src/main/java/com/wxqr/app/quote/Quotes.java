package com.wxqr.app.quote;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.wxqr.app.system.UnguessableId;

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

    /** The outcome of a scan claiming a quote. */
    public enum Claim {
        /** The scanner is the first and now owns the quote. */
        CLAIMED,
        /** The scanner already owned it: a re-scan, which re-sends. */
        SAME_OWNER,
        /** Someone else owns it; nothing changed. */
        OTHER_OWNER
    }

    /** Prices and stores a new quote under a fresh unguessable public id. */
    @Transactional
    public Quote create(BigDecimal usableArea, Layout layout, String grade) {
        Quote quote = priceTable.price(UnguessableId.next(), usableArea, layout, grade, clock.instant());
        repository.insert(quote);
        return quote;
    }

    public Optional<Quote> find(String publicId) {
        return repository.find(publicId);
    }

    public Optional<Progress> progress(String publicId) {
        return repository.progress(publicId);
    }

    /** Records a scan of the quote's code by {@code openid}; the first scanner becomes the owner. */
    @Transactional
    public Claim claim(String publicId, String openid, Progress.ScannedAs scannedAs) {
        Claim claim;
        if (repository.claimIfUnowned(publicId, openid, clock.instant())) {
            claim = Claim.CLAIMED;
        } else {
            String owner = repository.progress(publicId).map(Progress::ownerOpenid).orElseThrow(
                    () -> new IllegalArgumentException("no quote " + publicId));
            claim = owner.equals(openid) ? Claim.SAME_OWNER : Claim.OTHER_OWNER;
        }
        if (claim != Claim.OTHER_OWNER) {
            repository.updateStage(publicId, Progress.Stage.SCANNED, scannedAs, null, clock.instant());
            publishProgress(publicId);
        }
        return claim;
    }

    private void publishProgress(String publicId) {
        events.publishEvent(new QuoteProgressed(publicId, repository.progress(publicId).orElseThrow()));
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
