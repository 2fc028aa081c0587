package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.Actor;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.incident.domain.IncidentParties;
import uk.nhs.incidents.incident.domain.Lifecycle.Transition;
import uk.nhs.incidents.incident.domain.Lifecycle;
import uk.nhs.incidents.incident.domain.Resolutions;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.service.Calendars;
import uk.nhs.incidents.sla.service.Classification;
import uk.nhs.incidents.sla.service.ServiceLevels;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.vocabulary.ResolutionCode;

/**
 * Moves incidents through their lifecycle: checks each move against {@link Lifecycle}, applies what the new state
 * implies, and records it. Used by callers' requests, by the scheduled auto-close and by the resolution of a major
 * incident alike; every move takes the same path, one incident or a thousand, their clocks, history and
 * notifications written together.
 */
@ApplicationScoped
public class StatusChanges {

    private final HistoryRecorder history;
    private final Calendars calendars;
    private final LifecycleConfig config;
    private final ServiceLevels serviceLevels;
    private final IncidentRepository incidents;

    StatusChanges(HistoryRecorder history, Calendars calendars, LifecycleConfig config, ServiceLevels serviceLevels,
            IncidentRepository incidents) {
        this.serviceLevels = serviceLevels;
        this.history = history;
        this.calendars = calendars;
        this.config = config;
        this.incidents = incidents;
    }

    /**
     * A requested move: the target state and why (for {@code RESOLVED}, the resolution's summary); for
     * {@code AWAITING_INFO} whom it waits on; for {@code RESOLVED} the resolution's code and, for a duplicate, the id
     * of the incident it duplicates.
     */
    public record Move(IncidentStatus to, String reason, String waitingOn, ResolutionCode resolutionCode,
            Long duplicateOf) {

        public Move(IncidentStatus to, String reason, String waitingOn) {
            this(to, reason, waitingOn, null, null);
        }
    }

    /** How an incident is resolved; a duplicate's summary may be left out ({@code null}). */
    private record Resolution(ResolutionCode code, String summary, Long duplicateOfId, String duplicateOfReference) {

        static final Resolution NONE = new Resolution(null, null, null, null);

        /** The summary the incident keeps: a duplicate's, when left out, names the incident it duplicates. */
        String kept() {
            return summary != null || duplicateOfReference == null ? summary : "Duplicate of " + duplicateOfReference;
        }

        /** What the history says of it: {@code FIXED: summary}, {@code DUPLICATE of INC-2026-000001[: summary]}. */
        String describe() {
            return code + (duplicateOfReference == null ? "" : " of " + duplicateOfReference)
                    + (summary == null ? "" : ": " + summary);
        }
    }

    /** One incident's move, what it is resolved with when it is resolved, and why, as its history says. */
    private record Step(Incident incident, Move move, Resolution resolution, String reason) {
    }

    public void apply(Incident incident, Move move, Set<Actor> actors, Caller caller, Instant now) {
        Transition transition = allowed(incident, move.to(), actors);
        if (transition.reasonRequired() && (move.reason() == null || move.reason().isBlank())) {
            throw new InvalidInputException("reason", "is required to move from " + incident.status + " to " + move.to());
        }
        Resolutions.checkMove(move.to(), move.resolutionCode(), move.reason(), move.duplicateOf());
        if (move.waitingOn() != null && move.to() != IncidentStatus.AWAITING_INFO) {
            // Taken silently, it would read as a wait the move did not begin.
            throw new InvalidInputException("waitingOn", "is given only when waiting for information (AWAITING_INFO)");
        }
        requireSafetyDecision(incident, move.to());
        requireNotDuplicated(incident, move.to());
        Resolution resolution = move.to() == IncidentStatus.RESOLVED ? resolution(incident, move, caller) : null;
        changeAll(List.of(new Step(incident, move, resolution,
                resolution != null ? resolution.describe() : describe(move))), caller, now, List.of());
    }

    /**
     * Resolves with their major incident those of its incidents that are open
     * ({@link Lifecycle#resolvedWithMajorIncident}), each exactly as if resolved on its own, all together; answers how
     * many.
     */
    public int resolveWithMajorIncident(List<Incident> linked, ResolutionCode code, String summary,
            String majorIncidentReference, Caller caller, Instant now, List<HistoryEntry> alongside) {
        Resolution resolution = new Resolution(code, summary, null, null);
        String reason = resolution.describe() + " (resolved with major incident " + majorIncidentReference + ")";
        Move move = new Move(IncidentStatus.RESOLVED, summary, null, code, null);
        List<Step> steps = linked.stream().filter(i -> Lifecycle.resolvedWithMajorIncident(i.status))
                .map(incident -> new Step(incident, move, resolution, reason)).toList();
        if (steps.isEmpty()) {
            history.recordAll(alongside);
        } else {
            changeAll(steps, caller, now, alongside);
        }
        return steps.size();
    }

    /**
     * Enters each incident into its new state, then moves all their clocks at once and records every entry together,
     * {@code alongside} (what else the change did) and thresholds first, as the last step.
     */
    private void changeAll(List<Step> steps, Caller caller, Instant now, List<HistoryEntry> alongside) {
        Instant autoCloseDue = steps.stream().anyMatch(step -> step.move().to() == IncidentStatus.RESOLVED)
                ? calendars.serviceHours().plusWorkingDays(now, config.autoClose().workingDays()) : null;
        List<ServiceLevels.StatusChange> clockChanges = new ArrayList<>(steps.size());
        List<HistoryEntry> moves = new ArrayList<>(steps.size());
        for (Step step : steps) {
            Incident incident = step.incident();
            IncidentStatus from = incident.status;
            IncidentStatus to = step.move().to();
            enter(incident, step.move(), step.resolution(), now, autoCloseDue);
            incident.updatedAt = now;
            clockChanges.add(new ServiceLevels.StatusChange(incident.id, from, to, incident.waitingOn,
                    new Classification(incident.phase, incident.severity)));
            moves.add(HistoryRecorder.entry(incident.id, caller, now, HistoryAction.STATUS_CHANGED, "status", from, to,
                    step.reason()));
        }
        ServiceLevels.Moved moved = serviceLevels.onStatusChanges(clockChanges, now);
        List<HistoryEntry> entries = new ArrayList<>(alongside);
        entries.addAll(ServiceLevelEntries.thresholds(moved.crossed()));
        entries.addAll(moves);
        moved.restarted().forEach(restarted -> entries.add(ServiceLevelEntries.restarted(restarted, null,
                phaseOf(steps, restarted.incidentId()), caller, now, "Reopened after a change of phase while resolved:"
                        + " the resolution clock starts afresh under the incident's phase now")));
        history.recordAll(entries);
    }

    private static Phase phaseOf(List<Step> steps, long incidentId) {
        return steps.stream().map(Step::incident).filter(i -> i.id == incidentId).findFirst().orElseThrow().phase;
    }

    /**
     * A clinical safety incident ends, closed or cancelled, only after a Clinical Safety Officer has recorded a
     * review (DCB0129/DCB0160): cancelling is not a way round the safety decision that closing needs.
     */
    private static void requireSafetyDecision(Incident incident, IncidentStatus to) {
        if (to.isEnded() && incident.clinicalSafety && !incident.hasClinicalReview()) {
            throw new ConflictException("clinical-review-required", "Clinical safety review required",
                    "A clinical safety incident cannot be " + to.name().toLowerCase() + " until a Clinical Safety "
                            + "Officer records a review: reviewer, outcome and hazard log reference.");
        }
    }

    /**
     * An incident others are resolved as duplicates of is never cancelled as raised in error: they were told it
     * carries on. The count names none of them, as the caller may not read them all. The incident is locked, and a
     * duplicate naming it holds it for share, so none is resolved meanwhile.
     */
    private void requireNotDuplicated(Incident incident, IncidentStatus to) {
        long duplicates = to == IncidentStatus.CANCELLED ? incidents.countDuplicatesOf(incident.id) : 0;
        if (duplicates > 0) {
            throw new ConflictException("duplicated-by-others", "Duplicated by other incidents",
                    duplicates + " other incident(s) are resolved as duplicates of this one, whose reporters were"
                            + " told it carries on: it cannot be cancelled as raised in error. Resolve it instead.");
        }
    }

    private Transition allowed(Incident incident, IncidentStatus to, Set<Actor> actors) {
        Optional<Transition> found = Lifecycle.find(incident.status, to, incident.awaitingReturnStatus);
        if (actors.isEmpty() && found.isEmpty()) {
            // A caller that makes no move (a former or informed party) is refused as such, not told of the table.
            throw new ActionForbiddenException("Your organisation makes none of this incident's moves: they are for "
                    + "its supplier, its reporter (not the Service Desk) and its accountable party.");
        }
        Transition transition = found
                .orElseThrow(() -> new ConflictException("transition-forbidden", "Transition not allowed",
                        "An incident in " + incident.status + " cannot move to " + to + ". Allowed for you: "
                                + describe(Lifecycle.targets(incident.status, incident.awaitingReturnStatus, actors))
                                + "."));
        if (Collections.disjoint(transition.by(), actors)) {
            throw new ActionForbiddenException("Moving from " + incident.status + " to " + to + " is for "
                    + transition.by().stream().map(Enum::name).collect(Collectors.joining(" or "))
                    + " of this incident.");
        }
        return transition;
    }

    /**
     * Holds the incident a duplicate names first where its id is the lower: two incidents resolved as each other's
     * duplicates at once each held its own, then waited for the other's, and deadlocked (the loser told 409 a second
     * later). Held in id order, one waits for the other and is then refused as the duplicate of a duplicate. Held
     * only if the caller reads it, as {@link #resolution} holds it: to others it is not there.
     */
    public void holdOriginalFirst(long id, Move move, Caller caller) {
        if (move.resolutionCode() == ResolutionCode.DUPLICATE && move.duplicateOf() != null
                && move.duplicateOf() < id) {
            incidents.findInScopeForShare(move.duplicateOf(), IncidentScope.reading(caller));
        }
    }

    /**
     * The resolution asked for; a duplicate names an incident the caller can read, held (shared) until the change
     * commits, so that two incidents never become each other's duplicates at once.
     */
    private Resolution resolution(Incident incident, Move move, Caller caller) {
        if (move.resolutionCode() != ResolutionCode.DUPLICATE) {
            return new Resolution(move.resolutionCode(), move.reason().strip(), null, null);
        }
        Incident original = incidents.findInScopeForShare(move.duplicateOf(), IncidentScope.reading(caller))
                .orElseThrow(() -> new UnprocessableException("duplicateOf",
                        "no incident with this id that you can read"));
        Resolutions.checkDuplicate(new Resolutions.Duplicating(incident.id, pointed(incident)),
                new Resolutions.Original(original.id, original.reference, pointed(original), original.status,
                        original.duplicateOfReference),
                incidents.countDuplicatesOf(incident.id));
        String summary = move.reason() == null || move.reason().isBlank() ? null : move.reason().strip();
        return new Resolution(ResolutionCode.DUPLICATE, summary, original.id, original.reference);
    }

    private static Resolutions.Pointed pointed(Incident incident) {
        return new Resolutions.Pointed(incident.reporterOrganisation, incident.provider, incident.accountable);
    }

    private void enter(Incident incident, Move move, Resolution resolution, Instant now, Instant autoCloseDue) {
        if (move.to() == IncidentStatus.AWAITING_INFO) {
            incident.waitingOn = waitingOn(incident, move);
            incident.waitingReason = move.reason();
            incident.awaitingReturnStatus = incident.status;
        } else if (incident.status == IncidentStatus.AWAITING_INFO) {
            incident.waitingOn = null;
            incident.waitingReason = null;
            incident.awaitingReturnStatus = null;
        }
        if (move.to() == IncidentStatus.RESOLVED) {
            incident.resolvedAt = now;
            incident.autoCloseDueAt = autoCloseDue;
            resolve(incident, resolution);
        } else if (incident.status == IncidentStatus.RESOLVED && move.to() == IncidentStatus.IN_PROGRESS) {
            incident.resolvedAt = null;
            incident.autoCloseDueAt = null;
            resolve(incident, Resolution.NONE);
        }
        if (move.to() == IncidentStatus.CLOSED || move.to() == IncidentStatus.CANCELLED) {
            incident.closedAt = now;
        }
        incident.status = move.to();
    }

    /** Keeps how the incident was resolved; a reopening clears it, and any fix (the history keeps both). */
    private static void resolve(Incident incident, Resolution resolution) {
        incident.resolutionCode = resolution.code();
        incident.resolutionSummary = resolution.kept();
        incident.duplicateOfId = resolution.duplicateOfId();
        incident.duplicateOfReference = resolution.duplicateOfReference();
        incident.fixedAt = null;
        incident.fixSummary = null;
    }

    /** Whom the incident waits on: one of those it may wait on ({@link IncidentParties#mayBeWaitedOn}). */
    private static String waitingOn(Incident incident, Move move) {
        if (move.waitingOn() == null) {
            throw new InvalidInputException("waitingOn", "is required to wait for information: name the organisation");
        }
        Set<String> answerable = incident.parties().mayBeWaitedOn();
        if (!answerable.contains(move.waitingOn())) {
            throw new UnprocessableException("waitingOn", "may only be the reporter, the provider or practice, or "
                    + "the accountable party of this incident: " + String.join(", ", answerable));
        }
        return move.waitingOn();
    }

    private static String describe(Move move) {
        if (move.to() == IncidentStatus.AWAITING_INFO) {
            return "Waiting on " + move.waitingOn() + ": " + move.reason();
        }
        return move.reason();
    }

    private static String describe(Set<IncidentStatus> targets) {
        return targets.isEmpty() ? "none" : targets.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
