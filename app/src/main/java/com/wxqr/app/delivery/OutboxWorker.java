package com.wxqr.app.delivery;

import com.wxqr.app.wechat.WeChatTimeouts;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends the outbox's customer-service deliveries: right after the push that wrote a row commits,
 * and on a timer for retries and for rows left behind by a stopped instance. Up to
 * {@code wxqr.delivery.workers} threads each claim one row at a time under a fenced lease (see
 * {@link OutboxRepository}); a row whose lease was lost is left to its new holder, and a row that
 * throws something unexpected is parked with its reason. What happens to one claimed row is the
 * {@link CardSender}'s.
 */
@Component
class OutboxWorker implements SchedulingConfigurer, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    /** Published inside the push's transaction when a row was added. */
    record RowAdded() {}

    private final CardSender sender;
    private final int workers;
    private final Duration pollInterval;
    private final ExecutorService executor;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopped;

    OutboxWorker(CardSender sender, DeliveryProperties properties, WeChatTimeouts timeouts) {
        requireLeaseLongerThanACall(properties.lease(), timeouts.callTimeout());
        this.sender = sender;
        this.workers = properties.workers();
        this.pollInterval = properties.pollInterval();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "outbox-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A row's lease must outlast the WeChat call made under it; otherwise another worker claims the
     * row while the first is still sending, and the card goes out twice.
     */
    static void requireLeaseLongerThanACall(Duration lease, Duration callTimeout) {
        if (lease.compareTo(callTimeout) <= 0) {
            throw new IllegalArgumentException("wxqr.delivery.lease (" + lease.toSeconds()
                    + "s) must be longer than wxqr.wechat.call-timeout (" + callTimeout.toSeconds()
                    + "s): a row's lease must outlast the call that sends it");
        }
    }

    @TransactionalEventListener
    void onRowAdded(RowAdded event) {
        kick();
    }

    /** Every {@code wxqr.delivery.poll-interval}: for due retries and rows that stopped instances left behind. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::kick, pollInterval, pollInterval));
    }

    /** Starts one more worker unless all {@code wxqr.delivery.workers} are busy. */
    private void kick() {
        int n;
        do {
            n = running.get();
            if (n >= workers || stopped) {
                return;
            }
        } while (!running.compareAndSet(n, n + 1));
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            running.decrementAndGet();
        }
    }

    /**
     * Claims due rows one at a time and sends each; a worker that claimed a row first starts
     * another (if one is idle) for the rows behind it, so one slow send does not hold the rest.
     */
    void drain() {
        try {
            while (!stopped) {
                Optional<OutboxRow> row = sender.claimNext();
                if (row.isEmpty()) {
                    return;
                }
                kick();
                sender.process(row.get());
            }
        } catch (RuntimeException e) {
            log.warn("outbox worker stopped on a database error; the next poll resumes: {}", e.toString());
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public void destroy() {
        stopped = true;
        executor.shutdownNow();
    }
}
