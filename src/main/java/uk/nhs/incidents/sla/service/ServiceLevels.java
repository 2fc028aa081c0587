package uk.nhs.incidents.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.sla.data.ClockRepository;
import uk.nhs.incidents.sla.data.SlaClock;
import uk.nhs.incidents.sla.data.SlaPause;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.domain.ClockState;
import uk.nhs.incidents.sla.domain.ServiceLevelClock;
import uk.nhs.incidents.sla.domain.Target;

/**
 * Keeps each incident's triage and resolution clocks: started on creation, stopped, paused and resumed by the
 * lifecycle, re-targeted on reclassification. The stored instants are always rewritten from the domain clock,
 * and thresholds fire here, once, in the transaction of the change or sweep that crosses them.
 */
@ApplicationScoped
public class ServiceLevels {

    private final ClockRepository clocks;
    private final Calendars calendars;
    private final SlaConfig config;
    private final Event<ThresholdCrossed> crossed;
    private final Event<SweepBatch> batches;
    private final Event<ClockStopped> stopped;
    private final LongWaits longWaits;

    ServiceLevels(ClockRepository clocks, Calendars calendars, SlaConfig config, Event<ThresholdCrossed> crossed,
            Event<SweepBatch> batches, Event<ClockStopped> stopped, LongWaits longWaits) {
        this.longWaits = longWaits;
        this.clocks = clocks;
        this.calendars = calendars;
        this.config = config;
        this.crossed = crossed;
        this.batches = batches;
        this.stopped = stopped;
    }

    public void start(long incidentId, Classification classification, Instant createdAt) {
        List<ThresholdCrossed> reached = new ArrayList<>();
        for (ClockKind kind : ClockKind.values()) {
            SlaClock clock = new SlaClock();
            clock.incidentId = incidentId;
            clock.kind = kind;
            clock.startedAt = createdAt;
            clock.state = ClockState.RUNNING.name();
            retarget(clock, classification);
            refresh(clock, List.of(), createdAt, reached);
            clock.persist();
        }
        fire(reached);
    }

    /**
     * Stops, pauses and resumes the clocks as the lifecycle moves. A reopened incident's resolution clock resumes
     * under the targets the incident has now, recomputed from its original start: it may have been reclassified
     * while resolved, when its stopped clock kept its outcome.
     */
    public void onStatusChange(long incidentId, IncidentStatus from, IncidentStatus to, String waitingOn,
            Classification classification, Instant now) {
        Map<ClockKind, SlaClock> byKind = lock(incidentId);
        SlaClock triage = byKind.get(ClockKind.TRIAGE);
        SlaClock resolution = byKind.get(ClockKind.RESOLUTION);
        if (from == IncidentStatus.NEW && to == IncidentStatus.TRIAGED) {
            triage.stoppedAt = now;
        }
        if (from == IncidentStatus.AWAITING_INFO) {
            openPause(resolution).ifPresent(pause -> pause.endedAt = now);
        }
        if (to == IncidentStatus.AWAITING_INFO) {
            pause(resolution, SlaPause.AWAITING_INFO, waitingOn, now, null);
        }
        if (to == IncidentStatus.RESOLVED) {
            resolution.stoppedAt = now;
        }
        if (from == IncidentStatus.RESOLVED && to == IncidentStatus.IN_PROGRESS) {
            pause(resolution, SlaPause.RESOLVED, null, resolution.stoppedAt, now);
            resolution.stoppedAt = null;
            retarget(resolution, classification);
        }
        if (to == IncidentStatus.CANCELLED) {
            byKind.values().stream().filter(c -> c.stoppedAt == null).forEach(c -> cancel(c, now));
        }
        Map<Long, List<SlaPause>> pauses = refreshAll(byKind.values(), now);
        if (from == IncidentStatus.NEW && to == IncidentStatus.TRIAGED) {
            announceStop(triage, pauses.getOrDefault(triage.id, List.of()));
        }
        if (to == IncidentStatus.RESOLVED) {
            announceStop(resolution, pauses.getOrDefault(resolution.id, List.of()));
        }
    }

    /**
     * A new severity recomputes the running and paused clocks from their original start, pauses kept. A stopped
     * clock keeps the target and the outcome it stopped with: the triage that met its target stays met.
     */
    public void onSeverityChanged(long incidentId, Classification classification, Instant now) {
        Map<ClockKind, SlaClock> byKind = lock(incidentId);
        byKind.values().stream().filter(clock -> clock.stoppedAt == null)
                .forEach(clock -> retarget(clock, classification));
        refreshAll(byKind.values(), now);
    }

    /**
     * A new phase ends the running and paused clocks, which counted under the old phase's calendar and targets,
     * and starts new ones now under the new phase's: time spent as a test incident is not held against a live
     * target. A wait for information carries over; a stopped clock keeps its outcome. Returns what was restarted.
     */
    public List<Restarted> onPhaseChanged(long incidentId, Classification classification, Instant now) {
        Map<ClockKind, SlaClock> byKind = lock(incidentId);
        // A phase change moves no pause: those read for the ended clocks serve the new ones.
        Map<Long, List<SlaPause>> pauses = clocks.pausesOf(byKind.values());
        Map<ClockKind, ClockView> ended = new EnumMap<>(ClockKind.class);
        for (SlaClock clock : byKind.values()) {
            if (clock.stoppedAt == null) {
                ended.put(clock.kind, view(clock, pauses.getOrDefault(clock.id, List.of()), now));
                clock.startedAt = now;
                clock.warningFired = false;
                clock.breachFired = false;
                retarget(clock, classification);
            }
        }
        clocks.forgetThresholds(incidentId, ended.keySet().stream().map(Enum::name).toList());
        refreshAll(byKind.values(), pauses, now);
        return ended.entrySet().stream().map(e -> {
            SlaClock clock = byKind.get(e.getKey());
            return new Restarted(e.getKey(), e.getValue(), view(clock, pauses.getOrDefault(clock.id, List.of()), now));
        }).toList();
    }

    /** A clock a phase change ended, as it stood, and the clock that replaced it. */
    public record Restarted(ClockKind kind, ClockView ended, ClockView started) {
    }

    /** The clocks of each incident, as they stand at {@code now}. */
    public Map<Long, Map<ClockKind, ClockView>> views(Collection<Long> incidentIds, Instant now) {
        List<SlaClock> all = clocks.forIncidents(incidentIds);
        Map<Long, List<SlaPause>> pauses = clocks.pausesOf(all);
        Map<Long, Map<ClockKind, ClockView>> views = new HashMap<>();
        for (SlaClock clock : all) {
            views.computeIfAbsent(clock.incidentId, id -> new EnumMap<>(ClockKind.class))
                    .put(clock.kind, view(clock, pauses.getOrDefault(clock.id, List.of()), now));
        }
        return views;
    }

    /** The clocks a hypothetical incident raised at {@code raisedAt} would get, as they stand at {@code now}. */
    public Map<ClockKind, ClockView> preview(Phase phase, int severity, Instant raisedAt, Instant now) {
        Map<ClockKind, ClockView> views = new EnumMap<>(ClockKind.class);
        for (ClockKind kind : ClockKind.values()) {
            SlaClock clock = new SlaClock();
            clock.kind = kind;
            clock.startedAt = raisedAt;
            clock.state = ClockState.RUNNING.name();
            retarget(clock, new Classification(phase, severity));
            views.put(kind, view(clock, List.of(), now));
        }
        return views;
    }

    /** Fires the thresholds of one batch of due clocks; returns how many clocks it looked at. */
    public int sweep(Instant now) {
        List<SlaClock> due = clocks.lockDue(now, config.sweep().batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        batches.fire(new SweepBatch(SweepBatch.Phase.STARTING));
        refreshAll(due, now);
        batches.fire(new SweepBatch(SweepBatch.Phase.SWEPT));
        return due.size();
    }

    private Map<ClockKind, SlaClock> lock(long incidentId) {
        Map<ClockKind, SlaClock> byKind = new EnumMap<>(ClockKind.class);
        clocks.lockForIncident(incidentId).forEach(c -> byKind.put(c.kind, c));
        return byKind;
    }

    private void retarget(SlaClock clock, Classification classification) {
        Target target = config.policy().target(clock.kind, classification.phase(), classification.severity());
        clock.targetSeconds = target.duration().toSeconds();
        clock.calendar = target.calendar();
    }

    private static java.util.Optional<SlaPause> openPause(SlaClock clock) {
        return SlaPause.<SlaPause>find("clockId = ?1 and endedAt is null", clock.id).firstResultOptional();
    }

    private void pause(SlaClock clock, String kind, String waitingOn, Instant from, Instant to) {
        SlaPause pause = new SlaPause();
        if (SlaPause.AWAITING_INFO.equals(kind)) {
            pause.reminderDueAt = longWaits.firstReminder(from);
        }
        pause.clockId = clock.id;
        pause.kind = kind;
        pause.waitingOn = waitingOn;
        pause.startedAt = from;
        pause.endedAt = to;
        pause.persist();
    }

    private static void cancel(SlaClock clock, Instant now) {
        openPause(clock).ifPresent(pause -> pause.endedAt = now);
        clock.stoppedAt = now;
        clock.state = ClockState.CANCELLED.name();
    }

    private Map<Long, List<SlaPause>> refreshAll(Collection<SlaClock> all, Instant now) {
        return refreshAll(all, clocks.pausesOf(all), now);
    }

    private Map<Long, List<SlaPause>> refreshAll(Collection<SlaClock> all, Map<Long, List<SlaPause>> pauses,
            Instant now) {
        List<ThresholdCrossed> reached = new ArrayList<>();
        all.forEach(clock -> refresh(clock, pauses.getOrDefault(clock.id, List.of()), now, reached));
        fire(reached);
        return pauses;
    }

    /** Tells the service-level record how a stopped clock ended, as its calendar counted it. */
    private void announceStop(SlaClock clock, List<SlaPause> pauses) {
        ServiceLevelClock domain = domain(clock, pauses);
        stopped.fire(new ClockStopped(clock.incidentId, clock.kind, clock.stoppedAt,
                Duration.ofSeconds(clock.targetSeconds), domain.elapsed(clock.stoppedAt),
                ClockState.MET.name().equals(clock.state),
                counted(clock, pauses).map(p -> new ClockStopped.PausedTime(p.kind, p.waitingOn,
                        domain.paused(new ServiceLevelClock.Pause(p.startedAt, p.endedAt), clock.stoppedAt))).toList()));
    }

    /** Rewrites the derived instants from the domain clock and adds the thresholds now crossed to {@code reached}. */
    private void refresh(SlaClock clock, List<SlaPause> pauses, Instant now, List<ThresholdCrossed> reached) {
        if (ClockState.CANCELLED.name().equals(clock.state)) {
            clock.nextThresholdAt = null;
            return;
        }
        ServiceLevelClock domain = domain(clock, pauses);
        ClockState state = domain.state(now);
        clock.dueAt = domain.dueAt().orElse(null);
        clock.warningAt = domain.warningAt().orElse(null);
        clock.state = (state == ClockState.AT_RISK ? ClockState.RUNNING : state).name();
        if (!clock.warningFired && clock.stoppedAt == null && clock.warningAt != null && !clock.warningAt.isAfter(now)) {
            clock.warningFired = true;
            reached.add(new ThresholdCrossed(clock.incidentId, clock.kind, ThresholdCrossed.Threshold.WARNING,
                    clock.dueAt, now));
        }
        if (!clock.breachFired && state == ClockState.BREACHED) {
            clock.breachFired = true;
            reached.add(new ThresholdCrossed(clock.incidentId, clock.kind, ThresholdCrossed.Threshold.BREACH,
                    clock.dueAt, now));
        }
        clock.nextThresholdAt = clock.stoppedAt != null || state == ClockState.PAUSED ? null
                : Stream.of(clock.warningFired ? null : clock.warningAt, clock.breachFired ? null : clock.dueAt)
                        .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
    }

    /**
     * Records the thresholds reached, all in one statement, and fires those recorded for the first time: a
     * threshold another instance or an earlier attempt already recorded does not fire again.
     */
    private void fire(List<ThresholdCrossed> reached) {
        if (reached.isEmpty()) {
            return;
        }
        Set<ClockRepository.Threshold> first = clocks.recordThresholds(reached.stream()
                .map(t -> new ClockRepository.Threshold(t.incidentId(), t.clock().name(), t.threshold().name()))
                .toList(), reached.get(0).at());
        reached.stream()
                .filter(t -> first.contains(new ClockRepository.Threshold(t.incidentId(), t.clock().name(),
                        t.threshold().name())))
                .forEach(crossed::fire);
    }

    private ServiceLevelClock domain(SlaClock clock, List<SlaPause> pauses) {
        return new ServiceLevelClock(clock.startedAt, Duration.ofSeconds(clock.targetSeconds),
                calendars.of(clock.calendar),
                counted(clock, pauses).map(p -> new ServiceLevelClock.Pause(p.startedAt, p.endedAt)).toList(),
                clock.stoppedAt);
    }

    /** The pauses of the clock since it (re)started: one restarted by a phase change keeps its earlier rows. */
    private static Stream<SlaPause> counted(SlaClock clock, List<SlaPause> pauses) {
        return pauses.stream().filter(p -> p.endedAt == null || p.endedAt.isAfter(clock.startedAt));
    }

    private ClockView view(SlaClock clock, List<SlaPause> pauses, Instant now) {
        ServiceLevelClock domain = domain(clock, pauses);
        ClockState state = ClockState.CANCELLED.name().equals(clock.state) ? ClockState.CANCELLED : domain.state(now);
        return new ClockView(Duration.ofSeconds(clock.targetSeconds), clock.calendar, clock.startedAt,
                domain.warningAt().orElse(null), domain.dueAt().orElse(null), clock.stoppedAt, state,
                domain.elapsed(now), domain.paused(now),
                counted(clock, pauses).map(p -> new ClockView.PauseView(p.kind, p.waitingOn, p.startedAt, p.endedAt))
                        .toList());
    }
}
