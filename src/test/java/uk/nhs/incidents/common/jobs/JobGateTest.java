package uk.nhs.incidents.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobGateTest {

    private final JobGate gate = new JobGate();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void anOpenGateRunsTheJobAndGivesBackWhatItReturned() {
        assertThat(gate.run(() -> 7)).contains(7);
        assertThat(gate.closed()).isFalse();
    }

    @Test
    void closingWithNothingRunningReturnsAtOnceAndNoRunStartsAfter() throws Exception {
        gate.close();
        assertThat(gate.awaitIdle(Duration.ZERO)).isTrue();
        assertThat(gate.run(() -> {
            throw new AssertionError("ran after the gate closed");
        })).isEmpty();
        assertThat(gate.start(() -> {
            throw new AssertionError("started after the gate closed");
        }, executor)).isEmpty();
    }

    @Test
    void closingWaitsForTheRunInProgressWhichSeesTheGateClosedAndEnds() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean recorded = new AtomicBoolean();
        CompletableFuture<Integer> run = gate.start(() -> {
            started.countDown();
            awaitClosed(gate);
            sleep(50); // recording what it did
            recorded.set(true);
            return 1;
        }, executor).orElseThrow();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        gate.close();
        assertThat(gate.awaitIdle(Duration.ofSeconds(10))).as("the run ended within the bound").isTrue();
        assertThat(recorded).as("waiting returned only once the run had recorded").isTrue();
        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void aJobHandedToAnotherThreadCountsAsRunningBeforeThatThreadPicksItUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> await(release)); // the only thread is busy: the job below waits in the queue
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Boolean> queued = gate.start(() -> {
            ran.set(true);
            return gate.closed();
        }, executor).orElseThrow();

        gate.close();
        assertThat(gate.awaitIdle(Duration.ofMillis(50))).as("the queued job is waited for").isFalse();
        release.countDown();
        assertThat(gate.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(ran).isTrue();
        assertThat(queued.get(10, TimeUnit.SECONDS)).as("it saw the gate closed and could hand its work back")
                .isTrue();
    }

    @Test
    void aJobTheExecutorRefusesIsNotCountedAsRunning() throws Exception {
        executor.shutdown();

        assertThat(gate.start(() -> 1, executor)).isEmpty();
        gate.close();
        assertThat(gate.awaitIdle(Duration.ZERO)).isTrue();
    }

    @Test
    void waitingGivesUpAfterItsBoundWhenTheRunDoesNotEnd() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> run = gate.start(() -> {
            started.countDown();
            await(release);
            return 1;
        }, executor).orElseThrow();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        gate.close();
        assertThat(gate.awaitIdle(Duration.ofMillis(50))).as("a send stuck past the bound").isFalse();
        release.countDown();
        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void aBatchLoopTakesNoFurtherBatchOnceClosedAndTheStopWaitsForTheBatchUnderWay() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger batches = new AtomicInteger();
        AtomicBoolean committed = new AtomicBoolean();
        // Three full batches are due; the stop comes during the first.
        CompletableFuture<Integer> run = gate.start(() -> Batches.untilShort(gate.unlessClosed(() -> {
            if (batches.incrementAndGet() > 3) {
                return 0;
            }
            started.countDown();
            awaitClosed(gate);
            sleep(50); // committing the batch
            committed.set(true);
            return 10;
        }), 10), executor).orElseThrow();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        gate.close();
        assertThat(gate.awaitIdle(Duration.ofSeconds(10))).as("the batch under way ended within the bound").isTrue();
        assertThat(committed).as("the stop waited for the batch under way").isTrue();
        assertThat(run.get(10, TimeUnit.SECONDS)).as("what the one batch handled").isEqualTo(10);
        assertThat(batches).as("batches taken").hasValue(1);
    }

    /** Spins until the gate is closed, at most 10 s, so that a test failing first leaves no thread spinning. */
    static void awaitClosed(JobGate gate) {
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!gate.closed() && System.nanoTime() < giveUpAt) {
            Thread.onSpinWait();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
