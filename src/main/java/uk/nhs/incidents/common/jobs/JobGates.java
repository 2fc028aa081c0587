package uk.nhs.incidents.common.jobs;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * The gates of the jobs that send what they claimed (emails, webhook deliveries), closed together as the service
 * stops. Each job then ends the send under way, records what was taken and hands the rest back; the stop waits for
 * all of them at once, each at most its own bound, so it takes the longest of the bounds, not their sum, and the
 * pod's grace period need only cover the slowest job.
 */
@ApplicationScoped
public class JobGates {

    private static final Logger LOG = Logger.getLogger(JobGates.class);
    /** Beyond the work under way, what recording a stopped run and handing back the rest may take. */
    private static final Duration RECORDING_TIME = Duration.ofSeconds(5);

    private record Registered(String job, JobGate gate, Duration bound) {
    }

    private final List<Registered> gates = new CopyOnWriteArrayList<>();

    /** A gate for {@code job}, whose stop waits for the work under way, at most {@code work}, and its recording. */
    public JobGate open(String job, Duration work) {
        JobGate gate = new JobGate();
        gates.add(new Registered(job, gate, work.plus(RECORDING_TIME)));
        return gate;
    }

    /** Closes every gate, then waits for each one's runs until its bound, counted from now. */
    public void stop(@Observes ShutdownEvent event) {
        gates.forEach(each -> each.gate().close());
        long start = System.nanoTime();
        try {
            for (Registered each : gates) {
                Duration left = each.bound().minusNanos(System.nanoTime() - start);
                if (!each.gate().awaitIdle(left.isNegative() ? Duration.ZERO : left)) {
                    LOG.warnf("Stopping while %s was still sending; what it had claimed and not recorded is sent "
                            + "again once the claim lapses", each.job());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
