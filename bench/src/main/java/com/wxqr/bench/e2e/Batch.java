package com.wxqr.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Journeys run some at a time: those that completed, in the order they were started, and how many failed. */
record Batch<J>(List<J> done, int failed) {

    /**
     * Runs {@code count} journeys, {@code concurrency} at a time, and waits for all of them; the first five
     * failures are printed to standard error.
     */
    static <J> Batch<J> run(int count, int concurrency, Callable<J> journey) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<J>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(journey));
            }
            List<J> done = new ArrayList<>();
            int failed = 0;
            for (Future<J> f : futures) {
                try {
                    done.add(f.get());
                } catch (ExecutionException e) {
                    failed++;
                    if (failed <= 5) {
                        System.err.println("journey failed: " + e.getCause());
                    }
                }
            }
            return new Batch<>(List.copyOf(done), failed);
        } finally {
            pool.shutdownNow();
        }
    }
}
