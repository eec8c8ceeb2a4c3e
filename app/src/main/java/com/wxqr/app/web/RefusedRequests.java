package com.wxqr.app.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Requests refused at the public edges (callback checks, content types, rate limits): each is
 * counted in {@code wxqr_requests_refused_total{reason}}, and logged at most once a minute per
 * reason with the number refused since the last line, so that a flood of bad requests cannot flood
 * the log. Details must never carry a secret or a request body.
 */
@Component
public class RefusedRequests {
    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(RefusedRequests.class);

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    RefusedRequests(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** Counts one refused request; logs it (with what was held back) unless {@code reason} was logged within a minute. */
    public void refused(String reason, String detail) {
        meters.counter("wxqr.requests.refused", "reason", reason).increment();
        Tally tally = tallies.computeIfAbsent(reason, r -> new Tally());
        synchronized (tally) {
            tally.pending++;
            tally.latest = detail;
            flush(reason, tally, clock.instant());
        }
    }

    /** Logs what was held back once its minute is over, even when no further request comes. */
    @Scheduled(fixedDelay = 10_000)
    void flushHeldBack() {
        Instant now = clock.instant();
        tallies.forEach((reason, tally) -> {
            synchronized (tally) {
                flush(reason, tally, now);
            }
        });
    }

    private static void flush(String reason, Tally tally, Instant now) {
        if (tally.pending == 0 || (tally.lastLogged != null && now.isBefore(tally.lastLogged.plus(LOG_INTERVAL)))) {
            return;
        }
        log.warn("refused {} request(s) in the last minute: {} (latest: {})", tally.pending, reason, tally.latest);
        tally.pending = 0;
        tally.lastLogged = now;
    }

    private static final class Tally {
        long pending;
        String latest;
        Instant lastLogged;
    }
}
