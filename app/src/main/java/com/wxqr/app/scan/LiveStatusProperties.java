package com.wxqr.app.scan;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live status streams of the PC page ({@code wxqr.live.*}): how many one client address and
 * this instance hold at most (beyond them a stream is answered 429 and the page polls instead),
 * how often an idle stream carries a heartbeat comment (a dead client is found at the first write
 * that fails), how often every followed quote is re-read as a safety net, and how many threads
 * read and send; on PostgreSQL, how long to wait before re-opening a lost listening connection (doubled
 * at each failure, up to 30 s).
 */
@ConfigurationProperties("wxqr.live")
public record LiveStatusProperties(
        @DefaultValue("20") int maxStreamsPerClient,
        @DefaultValue("2000") int maxStreams,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30s") Duration catchUpInterval,
        @DefaultValue("2") int threads,
        @DefaultValue("1s") Duration reconnectDelay) {

    public LiveStatusProperties {
        if (maxStreamsPerClient < 0 || maxStreams < 0) {
            throw new IllegalArgumentException("wxqr.live.max-streams-per-client and max-streams must not be negative");
        }
        if (heartbeat.isNegative() || heartbeat.isZero() || catchUpInterval.isNegative() || catchUpInterval.isZero()) {
            throw new IllegalArgumentException("wxqr.live.heartbeat and catch-up-interval must be positive durations");
        }
        if (reconnectDelay.isNegative() || reconnectDelay.isZero()) {
            throw new IllegalArgumentException("wxqr.live.reconnect-delay must be a positive duration");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("wxqr.live.threads must be at least 1");
        }
    }
}
