package uk.nhs.incidents.reporting.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;

/**
 * Which incidents a caller's reports count. The hub and admins count everything; a supplier, ICB, provider or
 * practice counts the incidents on deployments where its organisation plays that part; the {@code reporting}
 * role counts its organisation's scope, whatever the organisation's type. A caller with several roles counts
 * the union.
 *
 * @param parts the incident parts that must hold the organisation (any one of them); empty when {@code everything}
 */
public record ReportScope(boolean everything, Set<Part> parts, String organisation) {

    /** The part of an incident's record that names the caller's organisation. */
    public enum Part {
        SUPPLIER,
        ICB,
        PROVIDER,
        REPORTER,
        /** Every incident on a deployment in the BaRS programme; names no organisation. */
        BARS_PROGRAMME
    }

    public ReportScope {
        parts = parts.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(parts));
    }

    /** Empty when no role of the caller may read reports of any scope. */
    public static Optional<ReportScope> of(Caller caller, Optional<OrganisationType> organisationType) {
        if (caller.hasAny(Roles.ADMIN, Roles.HUB)
                || caller.has(Roles.REPORTING) && organisationType.equals(Optional.of(OrganisationType.PROCUREMENT_HUB))) {
            return Optional.of(new ReportScope(true, Set.of(), null));
        }
        Set<Part> parts = EnumSet.noneOf(Part.class);
        if (caller.has(Roles.SUPPLIER)) {
            parts.add(Part.SUPPLIER);
        }
        if (caller.has(Roles.ICB)) {
            parts.add(Part.ICB);
        }
        if (caller.hasAny(Roles.PROVIDER, Roles.PRACTICE)) {
            parts.add(Part.PROVIDER);
        }
        if (caller.has(Roles.REPORTING)) {
            organisationType.flatMap(ReportScope::partOf).ifPresent(parts::add);
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(new ReportScope(false, parts, caller.organisation()));
    }

    private static Optional<Part> partOf(OrganisationType type) {
        return Optional.ofNullable(switch (type) {
            case SUPPLIER -> Part.SUPPLIER;
            case ICB -> Part.ICB;
            case PROVIDER, PRACTICE -> Part.PROVIDER;
            case NATIONAL_SERVICE_DESK -> Part.REPORTER;
            case BARS_PROGRAMME -> Part.BARS_PROGRAMME;
            case PROCUREMENT_HUB -> null;
        });
    }
}
