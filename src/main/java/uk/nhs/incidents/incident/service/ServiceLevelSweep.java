package uk.nhs.incidents.incident.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.database.QuietDuringOutage;
import uk.nhs.incidents.common.jobs.Batches;
import uk.nhs.incidents.common.jobs.DaemonThreads;
import uk.nhs.incidents.common.jobs.JobGate;
import uk.nhs.incidents.common.jobs.JobGates;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.sla.service.LongWaits;
import uk.nhs.incidents.sla.service.ServiceLevels;
import uk.nhs.incidents.sla.service.SlaConfig;
import uk.nhs.incidents.sla.service.WaitOverdue;

/**
 * The service-level sweep: finds clocks whose next threshold has come, by index, and waits for information due a
 * reminder; records what it finds in the incidents' history, one statement a batch, which hands the batch to the
 * notifications in one call. Safe with any number of instances (rows are locked with SKIP LOCKED and each
 * threshold is recorded once), and after downtime it catches up: every threshold passed meanwhile fires on the
 * first sweep. Batches are swept {@code incidents.sla.sweep.concurrency} at once, each in its own transaction: while
 * one waits on the database, another composes its notifications. As the service stops, no batch starts and the stop
 * waits up to 10 s for those under way to commit, so a stop in the middle of a long catch-up cuts no batch off.
 */
@ApplicationScoped
public class ServiceLevelSweep {

    private static final Logger LOG = Logger.getLogger(ServiceLevelSweep.class);
    /** What the stop waits for a batch under way: one takes well under a second; one still at work is rolled back. */
    private static final Duration BATCH_TIME = Duration.ofSeconds(10);

    private final ServiceLevels serviceLevels;
    private final LongWaits longWaits;
    private final HistoryRecorder history;
    private final SlaConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final EntityManager entityManager;
    private final JobGate gate;
    /** The sweep's loops besides the scheduler's own thread; a thread is kept for a minute between sweeps. */
    private final ExecutorService sweepers;

    ServiceLevelSweep(ServiceLevels serviceLevels, LongWaits longWaits, HistoryRecorder history, SlaConfig config,
            Clock clock, MeterRegistry registry, EntityManager entityManager, JobGates gates) {
        this.serviceLevels = serviceLevels;
        this.longWaits = longWaits;
        this.history = history;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.entityManager = entityManager;
        this.gate = gates.open("the service-level sweep", BATCH_TIME,
                "its batch rolls back and the next sweep, here or on another instance, takes it");
        this.sweepers = Executors.newCachedThreadPool(DaemonThreads.named("sla-sweeper"));
    }

    @PreDestroy
    void stop() {
        sweepers.shutdownNow();
    }

    /**
     * Sweeps batch after batch while they come full. Timed as {@code incidents_sla_sweep_seconds}, tagged by whether
     * any clock was due, so that the time a sweep takes to work through what is due can be told from idle sweeps.
     */
    @QuietDuringOutage
    @Scheduled(identity = "service-level-sweep", every = "${incidents.sla.sweep.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        gate.run(() -> {
            Timer.Sample started = Timer.start(registry);
            int swept = Batches.concurrently(gate.unlessClosed(this::sweepOnce), config.sweep().batchSize(),
                    config.sweep().concurrency(), sweepers);
            long nanos = started.stop(registry.timer("incidents.sla.sweep", "due", swept == 0 ? "none" : "some"));
            registry.counter("incidents.sla.sweep.clocks").increment(swept);
            Batches.untilShort(gate.unlessClosed(this::remindOnce), config.sweep().batchSize());
            if (swept > 0) {
                LOG.debugf("Swept %d clocks in %.1f ms", (Object) swept, nanos / 1e6);
            }
            return swept;
        });
    }

    /**
     * One batch of clocks in one transaction; returns how many it looked at. The clocks, the history entries and the
     * outbox rows are written one statement each as the batch goes, so the entities it loads (the due clocks and
     * their pauses, the incidents) are loaded read-only: Hibernate keeps no copy of each to compare at commit, and
     * flushes nothing then. For the same reason no read the notifications make is preceded by a flush; those reads
     * miss nothing: the clocks' statement has run before the batch is recorded, so the clocks and routes they read as
     * columns are the rows as the sweep wrote them, and nothing else they read is changed by a sweep.
     */
    @Transactional
    public int sweepOnce() {
        entityManager.setFlushMode(FlushModeType.COMMIT);
        entityManager.unwrap(Session.class).setDefaultReadOnly(true);
        ServiceLevels.Swept swept = serviceLevels.sweep(Timestamps.now(clock));
        history.recordAll(ServiceLevelEntries.thresholds(swept.crossed()));
        return swept.clocks();
    }

    /** One batch of reminders of long waits for information, in one transaction; returns how many. */
    @Transactional
    public int remindOnce() {
        List<WaitOverdue> due = longWaits.remind(Timestamps.now(clock));
        history.recordAll(due.stream().map(ServiceLevelEntries::reminder).toList());
        return due.size();
    }
}
