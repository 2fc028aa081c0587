package uk.nhs.incidents.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Races calls against each other: each on a thread of its own, all released at the same moment. */
public final class AtOnce {

    private AtOnce() {
    }

    /** What each call returned, in the calls' order. */
    public static <T> List<T> run(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> results = calls.stream().map(call -> pool.submit(() -> {
                start.await();
                return call.call();
            })).toList();
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> result : results) {
                answers.add(result.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    /** The same call made {@code times} times at once. */
    public static <T> List<T> run(int times, Callable<T> call) throws Exception {
        return run(Collections.nCopies(times, call));
    }
}
