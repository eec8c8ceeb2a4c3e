package com.wxqr.app.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Journeys run some at a time: the results of those that completed, in the order they were started,
 * and why the others failed.
 */
public record Batch<J>(List<J> done, List<Throwable> failures) {

    /** Runs {@code count} journeys, {@code concurrency} at a time, and waits for all of them. */
    public static <J> Batch<J> run(int count, int concurrency, Callable<J> journey) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<J>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(journey));
            }
            List<J> done = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (Future<J> f : futures) {
                try {
                    done.add(f.get());
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            return new Batch<>(List.copyOf(done), List.copyOf(failures));
        } finally {
            pool.shutdownNow();
        }
    }

    public int failed() {
        return failures.size();
    }
}
