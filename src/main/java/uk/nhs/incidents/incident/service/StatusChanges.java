package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.domain.Actor;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.incident.domain.Lifecycle.Transition;
import uk.nhs.incidents.incident.domain.Lifecycle;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.service.Calendars;
import uk.nhs.incidents.sla.service.Classification;
import uk.nhs.incidents.sla.service.ServiceLevels;
import uk.nhs.incidents.vocabulary.IncidentStatus;

/**
 * Moves an incident through its lifecycle: checks the move against {@link Lifecycle}, applies what the new state
 * implies, and records it. Used by callers' requests and by the scheduled auto-close alike.
 */
@ApplicationScoped
public class StatusChanges {

    private final HistoryRecorder history;
    private final Calendars calendars;
    private final LifecycleConfig config;
    private final ServiceLevels serviceLevels;

    StatusChanges(HistoryRecorder history, Calendars calendars, LifecycleConfig config, ServiceLevels serviceLevels) {
        this.serviceLevels = serviceLevels;
        this.history = history;
        this.calendars = calendars;
        this.config = config;
    }

    /** A requested move: the target state, why, and for {@code AWAITING_INFO} whom it waits on. */
    public record Move(IncidentStatus to, String reason, String waitingOn) {
    }

    public void apply(Incident incident, Move move, Set<Actor> actors, Caller caller, Instant now) {
        Transition transition = allowed(incident, move.to(), actors);
        if (transition.reasonRequired() && (move.reason() == null || move.reason().isBlank())) {
            throw new InvalidInputException("reason", "is required to move from " + incident.status + " to " + move.to());
        }
        requireSafetyDecision(incident, move.to());
        IncidentStatus from = incident.status;
        enter(incident, move, now);
        incident.updatedAt = now;
        List<HistoryEntry> entries = new ArrayList<>(ServiceLevelEntries.thresholds(serviceLevels.onStatusChange(
                incident.id, from, move.to(), incident.waitingOn, new Classification(incident.phase, incident.severity),
                now)));
        entries.add(HistoryRecorder.entry(incident.id, caller, now, HistoryAction.STATUS_CHANGED, "status", from,
                move.to(), describe(move)));
        history.recordAll(entries);
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

    private Transition allowed(Incident incident, IncidentStatus to, Set<Actor> actors) {
        Transition transition = Lifecycle.find(incident.status, to, incident.awaitingReturnStatus)
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

    private void enter(Incident incident, Move move, Instant now) {
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
            incident.autoCloseDueAt = calendars.serviceHours().plusWorkingDays(now, config.autoClose().workingDays());
        } else if (incident.status == IncidentStatus.RESOLVED && move.to() == IncidentStatus.IN_PROGRESS) {
            incident.resolvedAt = null;
            incident.autoCloseDueAt = null;
        }
        if (move.to() == IncidentStatus.CLOSED || move.to() == IncidentStatus.CANCELLED) {
            incident.closedAt = now;
        }
        incident.status = move.to();
    }

    /**
     * Whom the incident may wait on: only a party that can read and answer it, the reporter, the provider or
     * practice, or the accountable party. The supplier cannot wait on itself, which would pause its own clock.
     */
    private static String waitingOn(Incident incident, Move move) {
        if (move.waitingOn() == null) {
            throw new InvalidInputException("waitingOn", "is required to wait for information: name the organisation");
        }
        Set<String> answerable = new LinkedHashSet<>(
                Arrays.asList(incident.reporterOrganisation, incident.provider, incident.accountable));
        answerable.remove(incident.supplier);
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
