package uk.nhs.incidents.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class JobGateTest {

    private final JobGate gate = new JobGate();

    @Test
    void anOpenGateRunsTheJobAndGivesBackWhatItReturned() {
        assertThat(gate.run(() -> 7)).isEqualTo(7);
        assertThat(gate.closed()).isFalse();
    }

    @Test
    void closingWithNothingRunningReturnsAtOnceAndNoRunStartsAfter() throws Exception {
        assertThat(gate.close(Duration.ZERO)).isTrue();
        assertThat(gate.run(() -> {
            throw new AssertionError("ran after the gate closed");
        })).isZero();
    }

    @Test
    void closingWaitsForTheRunInProgressWhichSeesTheGateClosedAndEnds() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean recorded = new AtomicBoolean();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> gate.run(() -> {
            started.countDown();
            while (!gate.closed()) {
                Thread.onSpinWait();
            }
            sleep(50); // recording what it did
            recorded.set(true);
            return 1;
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(gate.close(Duration.ofSeconds(10))).as("the run ended within the bound").isTrue();
        assertThat(recorded).as("closing returned only once the run had recorded").isTrue();
        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void closingGivesUpAfterItsBoundWhenTheRunDoesNotEnd() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> gate.run(() -> {
            started.countDown();
            await(release);
            return 1;
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(gate.close(Duration.ofMillis(50))).as("a send stuck past the bound").isFalse();
        release.countDown();
        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
