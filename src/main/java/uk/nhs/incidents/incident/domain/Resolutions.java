package uk.nhs.incidents.incident.domain;

import java.time.Instant;
import java.util.Arrays;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.vocabulary.ResolutionCode;

/**
 * What a resolution needs (docs/domain.md, section 3): a code and a short summary; for a duplicate, the incident it
 * duplicates, raised by the same organisation for the same provider or practice ({@link Pointed}), which is no
 * duplicate itself; and when a fix may follow a workaround.
 */
public final class Resolutions {

    /**
     * Who a duplicate points to the incident it duplicates: its reporter organisation, its provider or practice (which
     * takes the reporter's part where the Service Desk raised it) and its accountable party.
     */
    public record Pointed(String reporter, String provider, String accountable) {

        /**
         * Whether each of them reads the original as a party of its own: raised by the same organisation, on the same
         * provider's or practice's deployments, and owned by the same party or by that provider (a test incident,
         * owned by the provider, duplicating a live one).
         */
        boolean readsAsItsOwn(Pointed original) {
            return reporter.equals(original.reporter) && provider.equals(original.provider)
                    && (accountable.equals(original.accountable) || accountable.equals(original.provider));
        }
    }

    /** The incident being resolved as a duplicate, as the rules see it. */
    public record Duplicating(long id, Pointed parties) {
    }

    /**
     * The incident it would duplicate: {@code duplicateOf} is the reference of the incident that one duplicates
     * itself, if it does.
     */
    public record Original(long id, String reference, Pointed parties, IncidentStatus status, String duplicateOf) {
    }

    private Resolutions() {
    }

    /**
     * Checks the resolution fields of a move: given only when resolving, and then a code, a summary (which a
     * duplicate may leave out: the incident it duplicates says it all) and, for a duplicate, the incident.
     */
    public static void checkMove(IncidentStatus to, ResolutionCode code, String summary, Long duplicateOf) {
        if (to != IncidentStatus.RESOLVED) {
            if (code != null) {
                throw new InvalidInputException("resolutionCode", "is given only when resolving");
            }
            if (duplicateOf != null) {
                throw new InvalidInputException("duplicateOf", "is given only when resolving as DUPLICATE");
            }
            return;
        }
        if (code == null) {
            throw new InvalidInputException("resolutionCode",
                    "is required to resolve: one of " + Arrays.toString(ResolutionCode.values()));
        }
        if (code == ResolutionCode.DUPLICATE && duplicateOf == null) {
            throw new InvalidInputException("duplicateOf", "is required to resolve as DUPLICATE: the id of the "
                    + "incident this one duplicates");
        }
        if (code != ResolutionCode.DUPLICATE && duplicateOf != null) {
            throw new InvalidInputException("duplicateOf", "is given only when resolving as DUPLICATE");
        }
        if (code != ResolutionCode.DUPLICATE && (summary == null || summary.isBlank())) {
            throw new InvalidInputException("reason", "is required to resolve: a short summary of the resolution");
        }
    }

    /**
     * An incident duplicates another of its own organisation's that those it points there read as parties of their
     * own ({@link Pointed#readsAsItsOwn}: the Service Desk's reports from two providers are not duplicates), never
     * itself, never one cancelled as raised in error,
     * and only one that carries on: a duplicate of a duplicate, or a duplicate that others point to, would make a
     * chain (and, in time, a cycle) to follow. Reports of one outage by several organisations are linked to a major
     * incident instead.
     *
     * @param duplicatesOfThis how many incidents are resolved as duplicates of the one being resolved (counted, not
     *     named: the caller may not read them all)
     */
    public static void checkDuplicate(Duplicating incident, Original original, long duplicatesOfThis) {
        if (original.id() == incident.id()) {
            throw new UnprocessableException("duplicateOf", "cannot be the incident itself");
        }
        if (!incident.parties().readsAsItsOwn(original.parties())) {
            throw new UnprocessableException("duplicate-across-organisations", "Duplicate of another organisation's "
                    + "incident", original.reference() + " was raised by another organisation, or on another "
                    + "provider's or practice's deployment, or is owned by another party: an incident duplicates only "
                    + "one that its reporter, provider and owner read as their own. Reports of one outage by several "
                    + "organisations are linked to a major incident instead "
                    + "(POST /api/v1/major-incidents/{id}/incidents).");
        }
        if (original.status() == IncidentStatus.CANCELLED) {
            throw new UnprocessableException("duplicateOf", original.reference() + " was cancelled as raised in error");
        }
        if (original.duplicateOf() != null) {
            throw new UnprocessableException("duplicateOf", original.reference() + " is itself a duplicate of "
                    + original.duplicateOf() + ": name that one");
        }
        if (duplicatesOfThis > 0) {
            throw new UnprocessableException("duplicateOf", "this incident is the one " + duplicatesOfThis
                    + " other incident(s) duplicate: an incident others duplicate is not resolved as a duplicate");
        }
    }

    /**
     * A fix follows a workaround: it is recorded once, on a resolved or closed incident (it changes neither its state
     * nor its clocks, so it needs no reopening), at a time between the resolution and now.
     */
    public static void checkFix(IncidentStatus status, ResolutionCode code, Instant resolvedAt, Instant alreadyFixedAt,
            Instant fixedAt, Instant latest) {
        if (status != IncidentStatus.RESOLVED && status != IncidentStatus.CLOSED) {
            throw new ConflictException("not-resolved", "Incident not resolved",
                    "A fix is recorded on a resolved or closed incident; this one is " + status + ".");
        }
        if (code != ResolutionCode.WORKAROUND) {
            throw new ConflictException("not-a-workaround", "Not resolved with a workaround",
                    "A fix follows a WORKAROUND resolution; this incident was resolved as "
                            + (code == null ? ResolutionCode.UNSPECIFIED : code) + ".");
        }
        if (alreadyFixedAt != null) {
            throw new ConflictException("fix-recorded", "Fix already recorded",
                    "The fix of this incident was recorded as made at " + alreadyFixedAt + ".");
        }
        if (fixedAt.isBefore(resolvedAt)) {
            throw new UnprocessableException("fixedAt", "must not be before the resolution, " + resolvedAt);
        }
        if (fixedAt.isAfter(latest)) {
            throw new UnprocessableException("fixedAt", "must not be in the future");
        }
    }
}
