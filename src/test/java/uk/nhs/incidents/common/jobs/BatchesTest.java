package uk.nhs.incidents.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchesTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    /** Rows due, claimed a batch at a time, each by one batch only, as SKIP LOCKED claims them. */
    private static final class Due {

        private final AtomicInteger left;
        private final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());

        Due(int rows) {
            left = new AtomicInteger(rows);
        }

        int claim(int size) {
            int taken = left.getAndUpdate(n -> Math.max(0, n - size));
            int claimed = Math.min(size, taken);
            batches.add(claimed);
            return claimed;
        }
    }

    @Test
    void aLoopRunsBatchesUntilOneComesBackShortAndCountsThemAll() {
        Due due = new Due(1_250);
        assertThat(Batches.untilShort(() -> due.claim(500), 500)).isEqualTo(1_250);
        assertThat(due.batches).containsExactly(500, 500, 250);
    }

    @Test
    void concurrentLoopsRunAtOnceAndTakeEveryDueRowOnce() {
        Due due = new Due(2_100);
        CyclicBarrier together = new CyclicBarrier(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        IntSupplier batch = () -> {
            if (threads.add(Thread.currentThread().getName())) {
                await(together);
            }
            return due.claim(200);
        };
        assertThat(Batches.concurrently(batch, 200, 3, executor)).isEqualTo(2_100);
        assertThat(threads).hasSize(3).contains(Thread.currentThread().getName());
        assertThat(due.left).hasValue(0);
        // Each loop ends with the short batch that told it nothing more was due.
        assertThat(due.batches.stream().filter(n -> n < 200)).hasSize(3);
    }

    @Test
    void oneLoopRunsOnTheCallingThreadAlone() {
        Due due = new Due(450);
        assertThat(Batches.concurrently(() -> due.claim(200), 200, 1, task -> {
            throw new AssertionError("no other loop was asked for");
        })).isEqualTo(450);
    }

    /** Not an exception: what a JVM in trouble throws. */
    private static final class Halted extends Error {

        Halted() {
            super("halted");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void whatFailsOnThisThreadIsThrownOnlyOnceTheOtherLoopHasEnded(boolean anError) {
        CountDownLatch failed = new CountDownLatch(1);
        AtomicBoolean otherEnded = new AtomicBoolean();
        Throwable failure = anError ? new Halted() : new IllegalStateException("the database went away");
        IntSupplier batch = () -> {
            if (Thread.currentThread().getName().startsWith("pool")) {
                await(failed);
                sleep(200);
                otherEnded.set(true);
                return 0;
            }
            failed.countDown();
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        };
        assertThatThrownBy(() -> Batches.concurrently(batch, 10, 2, executor)).isSameAs(failure);
        assertThat(otherEnded).isTrue();
    }

    @Test
    void anExecutorRefusingALoopIsThrownAfterTheLoopsStartedHaveEnded() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        Executor oneOnly = task -> {
            if (started.incrementAndGet() > 1) {
                throw new RejectedExecutionException("shutting down");
            }
            executor.execute(task);
        };
        IntSupplier batch = () -> {
            sleep(100);
            ran.incrementAndGet();
            return 0;
        };
        assertThatThrownBy(() -> Batches.concurrently(batch, 10, 3, oneOnly))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(ran).as("the loop started elsewhere ran to its end; this thread's never began").hasValue(1);
    }

    @Test
    void whenEveryLoopFailsTheFirstIsThrownWithTheOthersSuppressed() {
        AtomicInteger calls = new AtomicInteger();
        CyclicBarrier together = new CyclicBarrier(2);
        IntSupplier batch = () -> {
            await(together);
            throw new IllegalStateException("failure " + calls.incrementAndGet());
        };
        assertThatThrownBy(() -> Batches.concurrently(batch, 10, 2, executor))
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .isInstanceOf(IllegalStateException.class)
                        .satisfies(s -> assertThat(s.getMessage()).startsWith("failure ")));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the loops did not run at once", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
