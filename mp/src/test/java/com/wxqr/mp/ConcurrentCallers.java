package com.wxqr.mp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Callers on their own threads, released at the same instant: what tests of contention need. */
public final class ConcurrentCallers {

    /** One caller's work; {@code index} runs from 0 to the number of callers less one. */
    public interface Call<T> {
        T run(int index) throws Exception;
    }

    private ConcurrentCallers() {}

    /**
     * Runs {@code call} once on each of {@code callers} threads and returns the results in caller
     * order. A call that throws fails this method with the {@code ExecutionException} that wraps it;
     * a caller still running after 30 s fails it with a {@code TimeoutException}.
     */
    public static <T> List<T> run(int callers, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.run(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
