package uk.nhs.incidents.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobGatesTest {

    private final JobGates gates = new JobGates();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void theStopClosesEveryGateBeforeWaitingForAnySoTheWaitsRunTogether() throws Exception {
        JobGate emails = gates.open("emails", Duration.ofSeconds(30), "redone");
        JobGate webhooks = gates.open("webhooks", Duration.ofSeconds(30), "redone");
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawTheOtherClosed = new AtomicBoolean();
        CompletableFuture<Boolean> sending = emails.start(() -> {
            started.countDown();
            // Ends only once the stop has closed the other gate too, or after 10 s: a stop that waited for this
            // run before closing the next gate would find it still running then.
            JobGateTest.awaitClosed(webhooks);
            sawTheOtherClosed.set(webhooks.closed());
            return emails.closed();
        }, executor).orElseThrow();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        gates.stop(null);

        assertThat(sawTheOtherClosed).as("both gates closed while the first run was still at work").isTrue();
        assertThat(sending.get(10, TimeUnit.SECONDS)).as("the run saw its own gate closed").isTrue();
    }

    @Test
    void theStopWaitsForTheRunsOfEveryGate() throws Exception {
        JobGate first = gates.open("first", Duration.ofSeconds(30), "redone");
        JobGate second = gates.open("second", Duration.ofSeconds(30), "redone");
        CountDownLatch started = new CountDownLatch(2);
        AtomicBoolean recorded = new AtomicBoolean();
        first.start(() -> {
            started.countDown();
            return 1;
        }, executor).orElseThrow();
        second.start(() -> {
            started.countDown();
            JobGateTest.awaitClosed(second);
            JobGateTest.sleep(50); // recording what it sent
            recorded.set(true);
            return 1;
        }, executor).orElseThrow();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        gates.stop(null);

        assertThat(recorded).as("the stop returned only once the second job had recorded").isTrue();
        assertThat(first.run(() -> 1)).as("no run starts after the stop").isEmpty();
    }

    @Test
    void aSendingJobRecordsWhatItKeptOnlyOnceEveryJobHasEndedAndAFailingLastStepStopsNoOther() throws Exception {
        JobGate sweep = gates.open("sweep", Duration.ofSeconds(30), "redone");
        AtomicBoolean sweepEnded = new AtomicBoolean();
        List<String> lastSteps = new CopyOnWriteArrayList<>();
        gates.openSending("emails", Duration.ofSeconds(30), keptOne(() -> {
            lastSteps.add("emails, after the sweep ended: " + sweepEnded.get());
            throw new IllegalStateException("connection refused");
        }), Clock.systemUTC());
        gates.openSending("webhooks", Duration.ofSeconds(30), keptOne(() -> lastSteps.add("webhooks")),
                Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        sweep.start(() -> {
            started.countDown();
            JobGateTest.awaitClosed(sweep);
            JobGateTest.sleep(50); // committing its batch
            sweepEnded.set(true);
            return 1;
        }, executor).orElseThrow();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        gates.stop(null);

        assertThat(lastSteps).containsExactly("emails, after the sweep ended: true", "webhooks");
    }

    /** A job cut off by its bound could keep records after its last step ran: the step is left out, and logged. */
    @Test
    void aSendingJobStillAtWorkWhenItsBoundRunsOutHasNoLastStep() throws Exception {
        AtomicBoolean lastStep = new AtomicBoolean();
        JobGate stuck = gates.openSending("a stuck sender", Duration.ZERO, keptOne(() -> lastStep.set(true)),
                Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        stuck.start(() -> {
            started.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, executor).orElseThrow();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        gates.stop(null);
        release.countDown();

        assertThat(lastStep).isFalse();
    }

    /** Records a job kept: one whose first write failed (the database away), and whose next write is {@code write}. */
    private static LateRecords keptOne(Runnable write) {
        LateRecords late = new LateRecords("a job");
        AtomicBoolean away = new AtomicBoolean(true);
        assertThatThrownBy(() -> late.record("emails", 1, Instant.now().plusSeconds(600), () -> {
            if (away.getAndSet(false)) {
                throw new IllegalStateException("connection refused");
            }
            write.run();
        })).hasMessage("connection refused");
        return late;
    }

    @Test
    void aGateOpenedOnceTheStopBeganIsClosedAlready() {
        gates.stop(null);

        JobGate late = gates.open("a job first built during the stop", Duration.ofSeconds(30), "redone");

        assertThat(late.closed()).isTrue();
        assertThat(late.run(() -> 1)).as("no run starts").isEmpty();
    }
}
