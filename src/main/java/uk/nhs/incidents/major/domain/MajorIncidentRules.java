package uk.nhs.incidents.major.domain;

import java.util.Optional;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.vocabulary.ResolutionCode;

/**
 * Who may do what with a major incident (docs/domain.md, section 11), beyond seeing it, which
 * {@code MajorIncidentScope} decides. Declaring is for the Service Desk, the hub, admins and a supplier for its own
 * platform; linking for the Service Desk (live incidents), a supplier (its own) and admins; resolving for those who
 * declare, a supplier only for its own platform.
 */
public final class MajorIncidentRules {

    private MajorIncidentRules() {
    }

    /** Whether the caller acts for a national party or as an admin, not only as a supplier. */
    private static boolean national(Caller caller) {
        return caller.hasAny(Roles.SERVICE_DESK, Roles.HUB, Roles.ADMIN);
    }

    /**
     * The supplier whose platform a new major incident is about: a supplier declares one for its own platform only,
     * named or left out; the national parties name any, or none for a national component.
     */
    public static Optional<String> supplier(Caller caller, Optional<String> requested) {
        if (national(caller)) {
            return requested;
        }
        if (requested.isPresent() && !requested.get().equals(caller.organisation())) {
            throw new ActionForbiddenException("A supplier declares major incidents of its own platform: name "
                    + caller.organisation() + " as supplier, or leave it out.");
        }
        return Optional.of(caller.organisation());
    }

    /** Links are for the Service Desk, of the live incidents it reads, a supplier, of its own, and admins, of any. */
    public static void checkMayLink(Caller caller, Phase phase, String incidentSupplier) {
        if (!mayLinkOrUnlink(caller, phase == Phase.LIVE, incidentSupplier)) {
            throw new ActionForbiddenException("Incidents are linked to a major incident by the Service Desk (live "
                    + "incidents), by the supplier (its own incidents) or by an admin.");
        }
    }

    /**
     * Unlinks are for the same callers, but the Service Desk takes out any incident it reads: one moved to the test
     * phase since it was linked is no longer the outage's, and must not stay linked for want of an admin.
     */
    public static void checkMayUnlink(Caller caller, String incidentSupplier) {
        if (!mayLinkOrUnlink(caller, true, incidentSupplier)) {
            throw new ActionForbiddenException("Incidents are unlinked from a major incident by the Service Desk, by "
                    + "the supplier (its own incidents) or by an admin.");
        }
    }

    private static boolean mayLinkOrUnlink(Caller caller, boolean serviceDeskMay, String incidentSupplier) {
        return caller.isAdmin()
                || caller.has(Roles.SERVICE_DESK) && serviceDeskMay
                || caller.has(Roles.SUPPLIER) && caller.organisation().equals(incidentSupplier);
    }

    /** A major incident resolves with any code but DUPLICATE: an outage duplicates nothing. */
    public static void checkResolutionCode(ResolutionCode code) {
        if (!ResolutionCode.FOR_MAJOR_INCIDENTS.contains(code)) {
            throw new InvalidInputException("resolutionCode", "must be one of " + ResolutionCode.FOR_MAJOR_INCIDENTS
                    + ": a major incident duplicates nothing");
        }
    }

    /** The national parties that declare major incidents resolve any; a supplier those of its own platform. */
    public static void checkMayResolve(Caller caller, String majorIncidentSupplier) {
        if (!national(caller) && !caller.organisation().equals(majorIncidentSupplier)) {
            throw new ActionForbiddenException("A major incident is resolved by the Service Desk, the hub, an admin, "
                    + "or the supplier whose platform it is about.");
        }
    }
}
