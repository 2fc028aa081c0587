package uk.nhs.incidents.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import uk.nhs.incidents.sla.data.ClockFacts;
import uk.nhs.incidents.sla.data.ClockRepository;
import uk.nhs.incidents.sla.data.SlaClock;
import uk.nhs.incidents.sla.data.SlaPause;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.domain.ClockState;
import uk.nhs.incidents.sla.domain.ServiceLevelClock;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy;
import uk.nhs.incidents.sla.domain.Target;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.vocabulary.Phase;

/**
 * Keeps each incident's triage and resolution clocks: started on creation, stopped, paused and resumed by the
 * lifecycle, re-targeted on reclassification, and swept for thresholds as time passes. The stored instants are
 * always rewritten from the domain clock. Each method returns the thresholds its refresh crossed for the first
 * time, for the caller to record in the incident's history in the same transaction. A threshold fires once per
 * deadline: its clock's fired flag and the deadline told are set as it is crossed and written with the clock, and
 * every change that refreshes a clock, the sweep included, holds the clock's row locked, so no two see the flag
 * unset.
 */
@ApplicationScoped
public class ServiceLevels {

    private final ClockRepository clocks;
    private final StoredClocks stored;
    private final SlaConfig config;
    private final ServiceLevelSettings targets;
    private final Event<ThresholdCrossed> crossed;
    private final Event<ClocksStopped> stopped;
    private final LongWaits longWaits;

    ServiceLevels(ClockRepository clocks, StoredClocks stored, SlaConfig config, ServiceLevelSettings targets,
            Event<ThresholdCrossed> crossed, Event<ClocksStopped> stopped, LongWaits longWaits) {
        this.clocks = clocks;
        this.stored = stored;
        this.config = config;
        this.targets = targets;
        this.crossed = crossed;
        this.stopped = stopped;
        this.longWaits = longWaits;
    }

    /** A new incident's clocks as they stand at its creation, and the thresholds they crossed at once. */
    public record Started(Map<ClockKind, ClockView> clocks, List<ThresholdCrossed> crossed) {
    }

    public Started start(long incidentId, Classification classification, Instant createdAt) {
        List<ThresholdCrossed> reached = new ArrayList<>();
        Map<ClockKind, ClockView> views = new EnumMap<>(ClockKind.class);
        ServiceLevelPolicy policy = targets.policy();
        for (ClockKind kind : ClockKind.values()) {
            SlaClock clock = running(kind, createdAt, classification, policy);
            clock.incidentId = incidentId;
            refresh(clock, List.of(), createdAt, reached);
            clocks.persist(clock);
            views.put(kind, stored.view(clock.facts(), List.of(), createdAt));
        }
        return new Started(views, announced(reached));
    }

    /** A lifecycle move of one incident, as its clocks see it. */
    public record StatusChange(long incidentId, IncidentStatus from, IncidentStatus to, String waitingOn,
            Classification classification) {
    }

    /**
     * Stops, pauses and resumes the clocks of incidents as the lifecycle moves them, all together: their clocks are
     * locked and their pauses read in one query each, the thresholds crossed returned together, and the outcomes
     * announced in one {@link ClocksStopped}. A reopened incident's resolution clock resumes under the targets the
     * incident has now, recomputed from its original start, or afresh after a phase change ({@link #reopen}): it
     * may have been reclassified while resolved, when its stopped clock kept its outcome. An incident that leaves
     * NEW for anything but cancellation has been acknowledged, triaged or resolved with its major incident straight
     * away, and its triage clock stops.
     */
    public Moved onStatusChanges(List<StatusChange> changes, Instant now) {
        Map<Long, Map<ClockKind, SlaClock>> byIncident = lock(changes.stream().map(StatusChange::incidentId).toList());
        List<SlaClock> all = byIncident.values().stream().flatMap(byKind -> byKind.values().stream()).toList();
        Map<Long, List<SlaPause>> pauses = new HashMap<>();
        clocks.pausesOf(all).forEach((clock, of) -> pauses.put(clock, new ArrayList<>(of)));
        List<SlaClock> stopping = new ArrayList<>();
        Map<SlaClock, ClockView> restarting = new LinkedHashMap<>();
        for (StatusChange change : changes) {
            stopping.addAll(move(change, byIncident.get(change.incidentId()), pauses, now, restarting));
        }
        List<ThresholdCrossed> first = refreshAll(all, pauses, now);
        if (!stopping.isEmpty()) {
            stopped.fire(new ClocksStopped(stopping.stream()
                    .map(clock -> stored.stop(clock.facts(), pauses.getOrDefault(clock.id, List.of()))).toList()));
        }
        return new Moved(first, restarting.entrySet().stream().map(e -> new Restarted(e.getKey().incidentId,
                e.getKey().kind, e.getValue(), view(e.getKey(), pauses, now))).toList());
    }

    /**
     * What moving incidents did to their clocks: the thresholds crossed, and the clocks a reopening started afresh,
     * which the history records beside the reopening.
     */
    public record Moved(List<ThresholdCrossed> crossed, List<Restarted> restarted) {
    }

    /** What one move does to its incident's clocks; answers the clocks it stopped with an outcome. */
    private List<SlaClock> move(StatusChange change, Map<ClockKind, SlaClock> byKind, Map<Long, List<SlaPause>> pauses,
            Instant now, Map<SlaClock, ClockView> restarting) {
        SlaClock triage = byKind.get(ClockKind.TRIAGE);
        SlaClock resolution = byKind.get(ClockKind.RESOLUTION);
        IncidentStatus from = change.from();
        IncidentStatus to = change.to();
        List<SlaClock> stopping = new ArrayList<>();
        if (from == IncidentStatus.NEW && to != IncidentStatus.CANCELLED) {
            triage.stop(now);
            stopping.add(triage);
        }
        if (from == IncidentStatus.AWAITING_INFO) {
            openPause(resolution, pauses).ifPresent(pause -> pause.endedAt = now);
        }
        if (to == IncidentStatus.AWAITING_INFO) {
            pause(resolution, SlaPause.AWAITING_INFO, change.waitingOn(), now, null, pauses);
        }
        if (to == IncidentStatus.RESOLVED) {
            resolution.stop(now);
            stopping.add(resolution);
        }
        if (from == IncidentStatus.RESOLVED && to == IncidentStatus.IN_PROGRESS) {
            reopen(resolution, change, pauses, now, restarting);
        }
        if (to == IncidentStatus.CANCELLED) {
            byKind.values().stream().filter(c -> c.stoppedAt == null).forEach(c -> cancel(c, pauses, now));
        }
        return stopping;
    }

    /**
     * A reopened incident's resolution clock resumes, the time it was resolved paused, under the targets the incident
     * has now; or, if the incident changed phase while resolved, starts afresh now under the new phase's, as a phase
     * change starts a running clock afresh.
     */
    private void reopen(SlaClock resolution, StatusChange change, Map<Long, List<SlaPause>> pauses, Instant now,
            Map<SlaClock, ClockView> restarting) {
        if (resolution.restartOnResume) {
            restarting.put(resolution, view(resolution, pauses, now));
            restart(resolution, change.classification(), targets.policy(), now);
            clocks.forgetEarlierReleasesThresholds(change.incidentId(), List.of(resolution.kind.name()));
            return;
        }
        pause(resolution, SlaPause.RESOLVED, null, resolution.stoppedAt, now, pauses);
        resolution.resume();
        retarget(resolution, change.classification(), targets.policy());
    }

    /**
     * Waits for information moved to other organisations (incident id to the one now waited on): each open wait ends
     * now and one on the new organisation starts, so that paused time is put down to each in turn and the reminders
     * of a long wait start again for the one newly asked. The clocks stay paused. The incidents are locked already.
     */
    public void onWaitMoved(Map<Long, String> waitingOn, Instant now) {
        List<SlaClock> resolutions = lock(waitingOn.keySet()).values().stream()
                .map(byKind -> byKind.get(ClockKind.RESOLUTION)).toList();
        Map<Long, List<SlaPause>> pauses = new HashMap<>();
        clocks.pausesOf(resolutions).forEach((clock, of) -> pauses.put(clock, new ArrayList<>(of)));
        for (SlaClock resolution : resolutions) {
            openPause(resolution, pauses).ifPresent(open -> {
                open.endedAt = now;
                pause(resolution, SlaPause.AWAITING_INFO, waitingOn.get(resolution.incidentId), now, null, pauses);
            });
        }
    }

    /**
     * A new severity recomputes the running and paused clocks from their original start, pauses kept. A stopped
     * clock keeps the target and the outcome it stopped with: the triage that met its target stays met.
     */
    public List<ThresholdCrossed> onSeverityChanged(long incidentId, Classification classification, Instant now) {
        Map<ClockKind, SlaClock> byKind = lock(incidentId);
        ServiceLevelPolicy policy = targets.policy();
        byKind.values().stream().filter(clock -> clock.stoppedAt == null)
                .forEach(clock -> retarget(clock, classification, policy));
        return refreshAll(byKind.values(), clocks.pausesOf(byKind.values()), now);
    }

    /**
     * A new phase ends the running and paused clocks, which counted under the old phase's calendar and targets,
     * and starts new ones now under the new phase's: time spent as a test incident is not held against a live
     * target. A wait for information carries over; a stopped clock keeps its outcome, and starts afresh if it is
     * ever resumed (a resolved incident reopened). What the ending clocks passed since the last sweep is told first
     * ({@link #passedUntold}).
     */
    public PhaseChange onPhaseChanged(long incidentId, Classification classification, Instant now) {
        Map<ClockKind, SlaClock> byKind = lock(incidentId);
        // A phase change moves no pause: those read for the ended clocks serve the new ones.
        Map<Long, List<SlaPause>> pauses = clocks.pausesOf(byKind.values());
        Map<ClockKind, ClockView> ended = new EnumMap<>(ClockKind.class);
        ServiceLevelPolicy policy = targets.policy();
        for (SlaClock clock : byKind.values()) {
            if (clock.stoppedAt == null) {
                ended.put(clock.kind, view(clock, pauses, now));
                restart(clock, classification, policy, now);
            } else if (clock.kind == ClockKind.RESOLUTION) {
                // The only clock that resumes: a triage clock stays stopped for good.
                clock.restartOnResume = true;
            }
        }
        clocks.forgetEarlierReleasesThresholds(incidentId, ended.keySet().stream().map(Enum::name).toList());
        List<ThresholdCrossed> first = refreshAll(byKind.values(), pauses, now);
        List<Restarted> restarted = ended.entrySet().stream().map(e -> new Restarted(incidentId, e.getKey(),
                e.getValue(), view(byKind.get(e.getKey()), pauses, now))).toList();
        return new PhaseChange(restarted, first);
    }

    /**
     * The warnings and breaches the incident's clocks not stopped have passed since the last sweep, now fired: those
     * of clocks a change is about to end (a phase change), told first, as the incident stood, so that whether they
     * are told does not hang on when the sweep last ran.
     */
    public List<ThresholdCrossed> passedUntold(long incidentId, Instant now) {
        Map<ClockKind, SlaClock> byKind = lock(incidentId);
        return refreshAll(byKind.values().stream().filter(clock -> clock.stoppedAt == null).toList(),
                clocks.pausesOf(byKind.values()), now);
    }

    /** What a phase change did to the clocks: those it restarted, and the thresholds the new ones crossed. */
    public record PhaseChange(List<Restarted> restarted, List<ThresholdCrossed> crossed) {
    }

    /**
     * A clock started afresh, as it stood before (ended by a phase change, or stopped and then reopened after one),
     * and as it stands now.
     */
    public record Restarted(long incidentId, ClockKind kind, ClockView ended, ClockView started) {
    }

    private ClockView view(SlaClock clock, Map<Long, List<SlaPause>> pauses, Instant now) {
        return stored.view(clock.facts(), pauses.getOrDefault(clock.id, List.of()), now);
    }

    /** The clocks of each incident, as they stand at {@code now}. */
    public Map<Long, Map<ClockKind, ClockView>> views(Collection<Long> incidentIds, Instant now) {
        List<ClockFacts> all = clocks.factsFor(incidentIds);
        Map<Long, List<SlaPause>> pauses = clocks.pausesOfFacts(all);
        Map<Long, Map<ClockKind, ClockView>> views = new HashMap<>();
        for (ClockFacts clock : all) {
            views.computeIfAbsent(clock.incidentId(), id -> new EnumMap<>(ClockKind.class))
                    .put(clock.kind(), stored.view(clock, pauses.getOrDefault(clock.id(), List.of()), now));
        }
        return views;
    }

    /** The clocks a hypothetical incident raised at {@code raisedAt} would get, as they stand at {@code now}. */
    public Map<ClockKind, ClockView> preview(Phase phase, int severity, Instant raisedAt, Instant now) {
        Map<ClockKind, ClockView> views = new EnumMap<>(ClockKind.class);
        ServiceLevelPolicy policy = targets.policy();
        for (ClockKind kind : ClockKind.values()) {
            views.put(kind, stored.view(running(kind, raisedAt, new Classification(phase, severity), policy).facts(),
                    List.of(), now));
        }
        return views;
    }

    /** One batch of the sweep: the clocks looked at, and the thresholds they crossed for the first time. */
    public record Swept(int clocks, List<ThresholdCrossed> crossed) {
    }

    /**
     * Refreshes one batch of clocks whose next threshold has come, locked; returns what it crossed. The clocks are
     * read read-only and written back in one statement: as managed entities, the commit flushed them one UPDATE
     * each. They stay read-only in the session; nothing later in a sweep's transaction changes a clock.
     */
    public Swept sweep(Instant now) {
        List<SlaClock> due = clocks.lockDue(now, config.sweep().batchSize());
        if (due.isEmpty()) {
            return new Swept(0, List.of());
        }
        List<ThresholdCrossed> crossed = refreshAll(due, clocks.pausesOf(due), now);
        clocks.writeDerived(due);
        return new Swept(due.size(), crossed);
    }

    private static SlaClock running(ClockKind kind, Instant startedAt, Classification classification,
            ServiceLevelPolicy policy) {
        SlaClock clock = new SlaClock();
        clock.kind = kind;
        clock.startedAt = startedAt;
        clock.state = ClockState.RUNNING;
        retarget(clock, classification, policy);
        return clock;
    }

    private Map<ClockKind, SlaClock> lock(long incidentId) {
        return lock(List.of(incidentId)).get(incidentId);
    }

    /** The incidents' clocks by kind, locked: the caller holds the incidents already, so locks come in one order. */
    private Map<Long, Map<ClockKind, SlaClock>> lock(Collection<Long> incidentIds) {
        Map<Long, Map<ClockKind, SlaClock>> byIncident = new HashMap<>();
        clocks.lockForIncidents(incidentIds).forEach(c -> byIncident
                .computeIfAbsent(c.incidentId, id -> new EnumMap<>(ClockKind.class)).put(c.kind, c));
        return byIncident;
    }

    /**
     * Starts the clock afresh now under the classification's targets: no threshold crossed, and none of its earlier
     * pauses counted (they ended before its new start).
     */
    private static void restart(SlaClock clock, Classification classification, ServiceLevelPolicy policy,
            Instant now) {
        clock.startedAt = now;
        clock.resume();
        clock.restartOnResume = false;
        clock.warningFired = false;
        clock.breachFired = false;
        // V34's trigger clears these too when the start moves, for instances of the release before V34 beside this
        // one: both are needed while such instances may run.
        clock.warningToldFor = null;
        clock.breachToldFor = null;
        retarget(clock, classification, policy);
    }

    /**
     * Takes the targets from one policy read for the whole change: the admin's targets may change meanwhile, and one
     * incident's clocks never mix two sets (a triage longer than its resolution).
     */
    private static void retarget(SlaClock clock, Classification classification, ServiceLevelPolicy policy) {
        Target target = policy.target(clock.kind, classification.phase(), classification.severity());
        clock.targetSeconds = target.duration().toSeconds();
        clock.calendar = target.calendar();
    }

    private void pause(SlaClock clock, String kind, String waitingOn, Instant from, Instant to,
            Map<Long, List<SlaPause>> pauses) {
        if (!clock.kind.pauses()) {
            // Pauses of such a clock would never be read back (ClockRepository.pausesOf): its time would be wrong.
            throw new IllegalStateException("A " + clock.kind + " clock never pauses");
        }
        SlaPause pause = new SlaPause();
        if (SlaPause.AWAITING_INFO.equals(kind)) {
            pause.reminderDueAt = longWaits.firstReminder(from);
        }
        pause.clockId = clock.id;
        pause.kind = kind;
        pause.waitingOn = waitingOn;
        pause.startedAt = from;
        pause.endedAt = to;
        clocks.persist(pause);
        pauses.computeIfAbsent(clock.id, id -> new ArrayList<>()).add(pause);
    }

    /** The pause a clock is in, if any: a clock has at most one open pause. */
    private static Optional<SlaPause> openPause(SlaClock clock, Map<Long, List<SlaPause>> pauses) {
        return pauses.getOrDefault(clock.id, List.of()).stream().filter(p -> p.endedAt == null).findFirst();
    }

    private void cancel(SlaClock clock, Map<Long, List<SlaPause>> pauses, Instant now) {
        openPause(clock, pauses).ifPresent(pause -> pause.endedAt = now);
        clock.stoppedAt = now;
        clock.state = ClockState.CANCELLED;
        keepCounted(clock, stored.domain(clock.facts(), pauses.getOrDefault(clock.id, List.of())));
    }

    private static void keepCounted(SlaClock clock, ServiceLevelClock domain) {
        clock.keepCounted(domain.elapsed(clock.stoppedAt), domain.paused(clock.stoppedAt));
    }

    private List<ThresholdCrossed> refreshAll(Collection<SlaClock> all, Map<Long, List<SlaPause>> pauses,
            Instant now) {
        List<ThresholdCrossed> reached = new ArrayList<>();
        all.forEach(clock -> refresh(clock, pauses.getOrDefault(clock.id, List.of()), now, reached));
        return announced(reached);
    }

    /**
     * Rewrites the derived instants from the domain clock and adds the thresholds now crossed to {@code reached}. A
     * clock that has ended keeps what it ended with: a stopped clock is judged once, as it stops. A threshold a
     * change moved back into the future (a lower severity, a bank-holiday file) is armed again, and told again only
     * once it passes at a later instant than the one told; one change or sweep crossing both thresholds tells the
     * breach alone, as a warning of a deadline already passed asks nothing the breach does not.
     */
    private void refresh(SlaClock clock, List<SlaPause> pauses, Instant now, List<ThresholdCrossed> reached) {
        if (clock.facts().ended()) {
            clock.nextThresholdAt = null;
            return;
        }
        ServiceLevelClock domain = stored.domain(clock.facts(), pauses);
        Instant previousWarning = clock.warningAt;
        Instant previousDue = clock.dueAt;
        clock.dueAt = domain.dueAt().orElse(null);
        clock.warningAt = domain.warningAt().orElse(null);
        ClockState state = asTold(clock, domain.state(now));
        clock.state = state.stored();
        if (clock.facts().ended()) {
            keepCounted(clock, domain); // judged as it stopped, now
        }
        rearm(clock, previousWarning, previousDue, now);
        boolean breached = false;
        if (!clock.breachFired && state == ClockState.BREACHED) {
            clock.breachFired = true;
            breached = later(clock.dueAt, clock.breachToldFor);
            clock.breachToldFor = breached ? clock.dueAt : clock.breachToldFor;
        }
        // A stopped clock warns of nothing; but one stopping past both thresholds has its warning told by the breach,
        // as a running one has, so that reopened it does not warn of a deadline whose breach was told.
        boolean warned = false;
        if (!clock.warningFired && (clock.stoppedAt == null || clock.breachFired) && clock.warningAt != null
                && !clock.warningAt.isAfter(now)) {
            clock.warningFired = true;
            boolean untold = later(clock.warningAt, clock.warningToldFor);
            clock.warningToldFor = untold ? clock.warningAt : clock.warningToldFor;
            warned = untold && clock.stoppedAt == null;
        }
        if (breached || warned) {
            reached.add(new ThresholdCrossed(clock.incidentId, clock.kind, breached ? ThresholdCrossed.Threshold.BREACH
                    : ThresholdCrossed.Threshold.WARNING, clock.dueAt, now));
        }
        clock.nextThresholdAt = clock.stoppedAt != null || state == ClockState.PAUSED ? null
                : Stream.of(clock.warningFired ? null : clock.warningAt, clock.breachFired ? null : clock.dueAt)
                        .filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
    }

    /**
     * A clock stopping by its deadline whose breach was already told (by a sweep at that very instant, or on an
     * instance whose clock runs a little ahead of this one's) is judged as told: no party is told of a breach and then
     * shown the deadline met. A breach told for another deadline (one a bank-holiday file has since moved) does not
     * count.
     */
    private static ClockState asTold(SlaClock clock, ClockState state) {
        return clock.stoppedAt != null && state == ClockState.MET && clock.breachFired && clock.dueAt != null
                && clock.dueAt.equals(clock.breachToldFor) ? ClockState.BREACHED : state;
    }

    /**
     * Arms again a fired threshold that is now in the future. A pause never moves a threshold already passed, so
     * only a change of target or calendar does. Each is compared by its own instant: a paused clock may have no
     * deadline while its warning has passed. A clock fired by a release that did not note what it told takes the
     * instant it had until now.
     */
    private static void rearm(SlaClock clock, Instant previousWarning, Instant previousDue, Instant now) {
        if (clock.stoppedAt != null) {
            return;
        }
        if (clock.warningFired && later(clock.warningAt, now)) {
            clock.warningFired = false;
            clock.warningToldFor = clock.warningToldFor != null ? clock.warningToldFor : previousWarning;
        }
        if (clock.breachFired && later(clock.dueAt, now)) {
            clock.breachFired = false;
            clock.breachToldFor = clock.breachToldFor != null ? clock.breachToldFor : previousDue;
        }
    }

    /** Whether {@code at} is after {@code than}, where no {@code than} is earlier than any instant. */
    private static boolean later(Instant at, Instant than) {
        return at != null && (than == null || at.isAfter(than));
    }

    /** Announces each threshold crossed, for the metrics to count once the transaction commits. */
    private List<ThresholdCrossed> announced(List<ThresholdCrossed> reached) {
        reached.forEach(crossed::fire);
        return reached;
    }
}
