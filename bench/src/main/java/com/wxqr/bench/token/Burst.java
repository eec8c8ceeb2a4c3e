package com.wxqr.bench.token;

import com.wxqr.bench.Percentile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs calls all at once, one platform thread each, released together by one latch, and records
 * how long each caller waited from the release to its answer.
 */
final class Burst {

    /** What a burst did: every caller's wait (ms, sorted) and the failures by exception type. */
    record Outcome(double[] waitsMillis, Map<String, Integer> failures, double wallMillis) {

        int ok() {
            return waitsMillis.length
                    - failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        double percentile(double p) {
            return Percentile.of(waitsMillis, p);
        }

        double slowest() {
            return waitsMillis.length == 0 ? Double.NaN : waitsMillis[waitsMillis.length - 1];
        }
    }

    private Burst() {}

    /** The exception's type and, for WeChat errors of either client, the errcode. */
    private static String describe(Exception e) {
        if (e instanceof com.wxqr.mp.api.WeChatApiException api) {
            return e.getClass().getSimpleName() + " " + api.errcode();
        }
        if (e instanceof me.chanjar.weixin.common.error.WxErrorException wx && wx.getError() != null) {
            return "WxErrorException " + wx.getError().getErrorCode();
        }
        return e.getClass().getSimpleName();
    }

    /**
     * Starts a thread per call, releases them together and waits for all (at most {@code timeout}).
     *
     * @throws IllegalStateException if some call has not finished within the timeout
     */
    static Outcome run(List<Callable<?>> calls, long timeoutSeconds) throws InterruptedException {
        int n = calls.size();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(n);
        long[] finishedAt = new long[n];
        String[] failure = new String[n];
        long[] releasedAt = new long[1];
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            Callable<?> call = calls.get(i);
            Thread thread = new Thread(
                    () -> {
                        ready.countDown();
                        try {
                            go.await();
                            call.call();
                        } catch (Exception e) {
                            failure[index] = describe(e);
                        } finally {
                            finishedAt[index] = System.nanoTime();
                            done.countDown();
                        }
                    },
                    "stampede-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        releasedAt[0] = System.nanoTime();
        go.countDown();
        if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException(
                    (done.getCount()) + " of " + n + " calls still running after " + timeoutSeconds + " s");
        }
        long last = 0;
        double[] waits = new double[n];
        Map<String, Integer> failures = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            waits[i] = (finishedAt[i] - releasedAt[0]) / 1e6;
            last = Math.max(last, finishedAt[i]);
            if (failure[i] != null) {
                failures.merge(failure[i], 1, Integer::sum);
            }
        }
        Arrays.sort(waits);
        return new Outcome(waits, failures, (last - releasedAt[0]) / 1e6);
    }
}
