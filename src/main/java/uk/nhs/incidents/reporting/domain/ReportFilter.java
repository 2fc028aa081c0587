package uk.nhs.incidents.reporting.domain;

import java.util.Set;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.party.domain.ProcurementRoute;

/**
 * What a report counts within its period and scope; an empty set does not filter. Phases default to live only:
 * test-phase incidents are reported separately (docs/domain.md). Resolution codes (a {@code ResolutionCode}'s name,
 * or {@code UNSPECIFIED}) keep the resolutions with those codes only, and so leave out whatever is not a resolution.
 */
public record ReportFilter(Set<Phase> phases, Set<String> suppliers, Set<String> icbs, Set<Long> deployments,
        Set<Integer> severities, Set<ProcurementRoute> routes, Set<String> resolutionCodes) {

    public ReportFilter {
        phases = phases.isEmpty() ? Set.of(Phase.LIVE) : Set.copyOf(phases);
        suppliers = Set.copyOf(suppliers);
        icbs = Set.copyOf(icbs);
        deployments = Set.copyOf(deployments);
        severities = Set.copyOf(severities);
        routes = Set.copyOf(routes);
        resolutionCodes = Set.copyOf(resolutionCodes);
    }
}
