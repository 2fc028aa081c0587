package uk.nhs.incidents.common.jobs;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.logging.LogText;
import uk.nhs.incidents.common.time.Timestamps;

/**
 * The gates of the background jobs, closed together as the service stops: those that send what they claimed (emails,
 * webhook deliveries) end the send under way, record what was taken and hand the rest back; those that work in
 * batches (the service-level sweep, auto-close) commit the batch under way and start no other. The stop waits for
 * all of them at once, each at most its own bound, so it takes the longest of the bounds, not their sum, and the
 * pod's grace period need only cover the slowest job, and then each sending job's last step ({@link #LAST_STEP_TIME}):
 * once the jobs have ended, a sending job records what it could not record while the database was away, if it
 * answers now, so that its items are not sent again when their claim lapses.
 */
@ApplicationScoped
public class JobGates {

    private static final Logger LOG = Logger.getLogger(JobGates.class);
    /** Beyond the work under way, what recording a stopped run and handing back the rest may take. */
    private static final Duration RECORDING_TIME = Duration.ofSeconds(5);
    /** What a sending job's last step may take to record what it kept, once its work has ended. */
    private static final Duration LAST_STEP_TIME = Duration.ofSeconds(5);
    /** What becomes of a sending job's work cut off by the stop. */
    private static final String CLAIMED_AGAIN =
            "what it had claimed and not recorded is sent again once the claim lapses";

    private record Registered(String job, JobGate gate, Duration bound, String ifCutOff, Runnable lastly) {
    }

    private final List<Registered> gates = new CopyOnWriteArrayList<>();
    /** Set before the gates close, so that a job first built during the stop gets a gate already closed. */
    private volatile boolean stopping;

    /**
     * A gate for {@code job}, whose stop waits for the work under way, at most {@code work}, and its recording;
     * {@code ifCutOff} says, for the log, what becomes of work still under way when that wait runs out.
     */
    public JobGate open(String job, Duration work, String ifCutOff) {
        return open(job, work, ifCutOff, () -> { });
    }

    /**
     * A gate for a {@code job} that sends what it claimed, each send at most {@code work}; once the stop has waited
     * for it, the records it kept to write {@code late} are tried once more ({@link LateRecords#atStop}).
     */
    public JobGate openSending(String job, Duration work, LateRecords late, Clock clock) {
        return open(job, work, CLAIMED_AGAIN, () -> late.atStop(Timestamps.now(clock), LAST_STEP_TIME));
    }

    private JobGate open(String job, Duration work, String ifCutOff, Runnable lastly) {
        JobGate gate = new JobGate();
        gates.add(new Registered(job, gate, work.plus(RECORDING_TIME), ifCutOff, lastly));
        if (stopping) {
            gate.close();
        }
        return gate;
    }

    /**
     * Closes every gate, waits for each one's runs until its bound, counted from now, then runs the last step of each
     * job that has ended: one still at work could keep records after it, which the step would not see.
     */
    public void stop(@Observes ShutdownEvent event) {
        stopping = true;
        gates.forEach(each -> each.gate().close());
        for (Registered each : idle()) {
            try {
                each.lastly().run();
            } catch (RuntimeException e) {
                LOG.warnf("Stopping: the last step of %s failed: %s", each.job(), LogText.rootCause(e, 300));
            }
        }
    }

    private List<Registered> idle() {
        List<Registered> idle = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (Registered each : gates) {
                Duration left = each.bound().minusNanos(System.nanoTime() - start);
                if (each.gate().awaitIdle(left.isNegative() ? Duration.ZERO : left)) {
                    idle.add(each);
                } else {
                    LOG.warnf("Stopping while %s was still at work: %s", each.job(), each.ifCutOff());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return idle;
    }
}
