package uk.nhs.incidents.sla.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import uk.nhs.incidents.common.time.Timestamps;

/**
 * Finds clocks whose next threshold has come, by index, and fires it. Safe with any number of instances (rows
 * are locked with SKIP LOCKED and each threshold is recorded once), and after downtime it catches up: every
 * threshold passed meanwhile fires on the first sweep.
 */
@ApplicationScoped
public class SweepJob {

    private final ServiceLevels serviceLevels;
    private final SlaConfig config;
    private final Clock clock;

    SweepJob(ServiceLevels serviceLevels, SlaConfig config, Clock clock) {
        this.serviceLevels = serviceLevels;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "service-level-sweep", every = "${incidents.sla.sweep.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        while (sweepOnce() == config.sweep().batchSize()) {
            // a full batch: more may be due
        }
    }

    /** One batch in one transaction; returns how many clocks it looked at. */
    @Transactional
    public int sweepOnce() {
        return serviceLevels.sweep(Timestamps.now(clock));
    }
}
