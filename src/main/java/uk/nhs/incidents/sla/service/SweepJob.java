package uk.nhs.incidents.sla.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.time.Timestamps;

/**
 * Finds clocks whose next threshold has come, by index, and fires it. Safe with any number of instances (rows
 * are locked with SKIP LOCKED and each threshold is recorded once), and after downtime it catches up: every
 * threshold passed meanwhile fires on the first sweep.
 */
@ApplicationScoped
public class SweepJob {

    private static final Logger LOG = Logger.getLogger(SweepJob.class);

    private final ServiceLevels serviceLevels;
    private final LongWaits longWaits;
    private final SlaConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final EntityManager entityManager;

    SweepJob(ServiceLevels serviceLevels, LongWaits longWaits, SlaConfig config, Clock clock, MeterRegistry registry,
            EntityManager entityManager) {
        this.serviceLevels = serviceLevels;
        this.longWaits = longWaits;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.entityManager = entityManager;
    }

    /**
     * Sweeps batch after batch while they come full. Timed as {@code incidents_sla_sweep_seconds}, tagged by whether
     * any clock was due, so that the time a sweep takes to work through what is due can be told from idle sweeps.
     */
    @Scheduled(identity = "service-level-sweep", every = "${incidents.sla.sweep.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Timer.Sample started = Timer.start(registry);
        int swept = 0;
        int batch;
        do {
            batch = sweepOnce();
            swept += batch;
        } while (batch == config.sweep().batchSize());
        long nanos = started.stop(registry.timer("incidents.sla.sweep", "due", swept == 0 ? "none" : "some"));
        registry.counter("incidents.sla.sweep.clocks").increment(swept);
        while (remindOnce() == config.sweep().batchSize()) {
            // a full batch: more waits may be due a reminder
        }
        if (swept > 0) {
            LOG.debugf("Swept %d clocks in %.1f ms", (Object) swept, nanos / 1e6);
        }
    }

    /** One batch of reminders of long waits for information, in one transaction; returns how many. */
    @Transactional
    public int remindOnce() {
        return longWaits.remind(Timestamps.now(clock));
    }

    /**
     * One batch in one transaction; returns how many clocks it looked at. Its changes are written once, at commit:
     * flushing before each read the notifications make would check the whole growing batch for changes every time,
     * a cost quadratic in the batch. Those reads miss nothing: the clocks they read come back as the batch's own
     * managed instances, and nothing else they read is changed by a sweep.
     */
    @Transactional
    public int sweepOnce() {
        entityManager.setFlushMode(FlushModeType.COMMIT);
        return serviceLevels.sweep(Timestamps.now(clock));
    }
}
