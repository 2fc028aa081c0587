package uk.nhs.incidents.incident.domain;

import static uk.nhs.incidents.incident.domain.Actor.ACCOUNTABLE;
import static uk.nhs.incidents.incident.domain.Actor.REPORTER;
import static uk.nhs.incidents.incident.domain.Actor.RESOLVER;
import static uk.nhs.incidents.incident.domain.Actor.SYSTEM;
import static uk.nhs.incidents.vocabulary.IncidentStatus.AWAITING_INFO;
import static uk.nhs.incidents.vocabulary.IncidentStatus.CANCELLED;
import static uk.nhs.incidents.vocabulary.IncidentStatus.CLOSED;
import static uk.nhs.incidents.vocabulary.IncidentStatus.IN_PROGRESS;
import static uk.nhs.incidents.vocabulary.IncidentStatus.NEW;
import static uk.nhs.incidents.vocabulary.IncidentStatus.RESOLVED;
import static uk.nhs.incidents.vocabulary.IncidentStatus.TRIAGED;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import uk.nhs.incidents.vocabulary.IncidentStatus;

/**
 * The lifecycle of docs/domain.md as one table: each allowed move, who may make it, and whether it needs a reason.
 * {@code AWAITING_INFO} returns only to the state it was entered from. Beside the table, one move no party makes:
 * the resolution of a major incident resolves every open incident linked to it ({@link #resolvedWithMajorIncident}).
 */
public final class Lifecycle {

    /** One allowed move. */
    public record Transition(IncidentStatus from, IncidentStatus to, Set<Actor> by, boolean reasonRequired) {
    }

    private static final Set<Actor> REPORTER_OR_ACCOUNTABLE = EnumSet.of(REPORTER, ACCOUNTABLE);
    private static final Set<Actor> ANY_PARTY = EnumSet.of(RESOLVER, REPORTER, ACCOUNTABLE);

    public static final List<Transition> TABLE = List.of(
            new Transition(NEW, TRIAGED, EnumSet.of(RESOLVER), false),
            new Transition(TRIAGED, IN_PROGRESS, EnumSet.of(RESOLVER), false),
            new Transition(TRIAGED, AWAITING_INFO, EnumSet.of(RESOLVER), true),
            new Transition(IN_PROGRESS, AWAITING_INFO, EnumSet.of(RESOLVER), true),
            new Transition(AWAITING_INFO, TRIAGED, ANY_PARTY, false),
            new Transition(AWAITING_INFO, IN_PROGRESS, ANY_PARTY, false),
            new Transition(IN_PROGRESS, RESOLVED, EnumSet.of(RESOLVER), false),
            new Transition(RESOLVED, CLOSED, EnumSet.of(REPORTER, ACCOUNTABLE, SYSTEM), false),
            new Transition(RESOLVED, IN_PROGRESS, REPORTER_OR_ACCOUNTABLE, true),
            new Transition(NEW, CANCELLED, REPORTER_OR_ACCOUNTABLE, true),
            new Transition(TRIAGED, CANCELLED, REPORTER_OR_ACCOUNTABLE, true),
            new Transition(IN_PROGRESS, CANCELLED, REPORTER_OR_ACCOUNTABLE, true),
            new Transition(AWAITING_INFO, CANCELLED, REPORTER_OR_ACCOUNTABLE, true));

    private Lifecycle() {
    }

    /**
     * The move from {@code from} to {@code to}, if the lifecycle has one; from {@code AWAITING_INFO} only back to
     * {@code returnTo} (or to cancellation).
     */
    public static Optional<Transition> find(IncidentStatus from, IncidentStatus to, IncidentStatus returnTo) {
        if (from == AWAITING_INFO && to != CANCELLED && to != returnTo) {
            return Optional.empty();
        }
        return TABLE.stream().filter(t -> t.from() == from && t.to() == to).findFirst();
    }

    /**
     * Whether the resolution of the major incident an incident is linked to resolves it: whenever it is open, in
     * whatever state of the supplier's hands, since the outage it reports is over. The incident's own resolution (a
     * resolved one) and its end (a closed or cancelled one) are left as they are.
     */
    public static boolean resolvedWithMajorIncident(IncidentStatus from) {
        return from.isOpen();
    }

    /** The states these actors may move the incident to from {@code from}, in lifecycle order. */
    public static Set<IncidentStatus> targets(IncidentStatus from, IncidentStatus returnTo, Set<Actor> actors) {
        Set<IncidentStatus> targets = new TreeSet<>();
        for (IncidentStatus to : IncidentStatus.values()) {
            find(from, to, returnTo).filter(t -> !Collections.disjoint(t.by(), actors)).ifPresent(t -> targets.add(to));
        }
        return targets;
    }
}
