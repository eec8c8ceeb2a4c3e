package com.wxqr.app.quote;

import com.wxqr.app.system.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live status streams of the PC page ({@code wxqr.live.*}): how many one client address and
 * this instance hold at most (beyond them a stream is answered 429 and the page polls instead),
 * how often an idle stream carries a heartbeat comment (a dead client is found at the first write
 * that fails), how often every followed quote is re-read as a safety net, and how many threads
 * read and send; on PostgreSQL, how long to wait before re-opening a lost listening connection (doubled
 * at each failure, up to 30 s). The tag of {@code maxStreams} comes before that of
 * {@code maxStreamsPerClient}, which begins with its name: the configuration processor takes the
 * first tag that starts with a component's name for its description.
 *
 * @param maxStreams live status streams one instance holds at most; beyond, 429 and the page polls
 * @param maxStreamsPerClient live status streams one client address may hold on one instance;
 *     beyond, 429 and the page polls
 * @param heartbeat interval of the heartbeat comment on every stream (finds vanished clients; keeps
 *     proxies from timing out)
 * @param catchUpInterval safety net: how often every followed quote is re-read and sent if it changed
 * @param threads threads that read statuses and write to the streams
 * @param reconnectDelay PostgreSQL only: first wait before re-opening a lost listening connection,
 *     doubled at each failure up to 30 s
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
        Settings.atLeast("wxqr.live.max-streams-per-client", maxStreamsPerClient, 0);
        Settings.atLeast("wxqr.live.max-streams", maxStreams, 0);
        Settings.positive("wxqr.live.heartbeat", heartbeat);
        Settings.positive("wxqr.live.catch-up-interval", catchUpInterval);
        Settings.positive("wxqr.live.reconnect-delay", reconnectDelay);
        Settings.atLeast("wxqr.live.threads", threads, 1);
    }
}
