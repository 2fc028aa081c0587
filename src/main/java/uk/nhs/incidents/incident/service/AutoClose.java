package uk.nhs.incidents.incident.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.database.QuietDuringOutage;
import uk.nhs.incidents.common.jobs.Batches;
import uk.nhs.incidents.common.jobs.JobGate;
import uk.nhs.incidents.common.jobs.JobGates;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.domain.Actor;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.vocabulary.IncidentStatus;

/**
 * Closes resolved incidents whose confirmation period has run out. Each batch locks its rows with SKIP LOCKED,
 * so any number of instances can run the job at once without closing an incident twice; an instance that dies
 * mid-batch rolls its batch back for the next run to take. As the service stops, no batch starts and the stop waits
 * for the one under way.
 */
@ApplicationScoped
public class AutoClose {

    static final Caller SYSTEM = Caller.system("auto-close");
    private static final Logger LOG = Logger.getLogger(AutoClose.class);
    /** What the stop waits for a batch under way before it lets it roll back. */
    private static final Duration BATCH_TIME = Duration.ofSeconds(10);

    private final IncidentRepository incidents;
    private final StatusChanges statusChanges;
    private final LifecycleConfig config;
    private final Clock clock;
    private final JobGate gate;

    AutoClose(IncidentRepository incidents, StatusChanges statusChanges, LifecycleConfig config, Clock clock,
            JobGates gates) {
        this.incidents = incidents;
        this.statusChanges = statusChanges;
        this.config = config;
        this.clock = clock;
        this.gate = gates.open("auto-close", BATCH_TIME,
                "its batch rolls back and the next run, here or on another instance, closes those incidents");
    }

    @QuietDuringOutage
    @Scheduled(identity = "auto-close", every = "${incidents.lifecycle.auto-close.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        gate.run(() -> Batches.untilShort(gate.unlessClosed(this::closeDueBatch), config.autoClose().batchSize()));
    }

    /** Closes up to one batch of due incidents; returns how many. */
    @Transactional
    public int closeDueBatch() {
        Instant now = Timestamps.now(clock);
        List<Long> due = incidents.lockDueForAutoClose(now, config.autoClose().batchSize());
        String reason = "Closed automatically " + config.autoClose().workingDays()
                + " working days after resolution, as nobody reopened it";
        for (Long id : due) {
            Incident incident = incidents.findById(id);
            statusChanges.apply(incident, new StatusChanges.Move(IncidentStatus.CLOSED, reason, null),
                    Set.of(Actor.SYSTEM), SYSTEM, now);
        }
        if (!due.isEmpty()) {
            LOG.infof("Auto-closed %d resolved incident(s)", due.size());
        }
        return due.size();
    }
}
