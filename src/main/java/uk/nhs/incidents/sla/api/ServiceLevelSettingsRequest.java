package uk.nhs.incidents.sla.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.Problem.Violation;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy.SeverityTargets;

@Schema(name = "ServiceLevelTargetsRequest", description = "The targets of every severity, 1 to 5, each once")
public record ServiceLevelSettingsRequest(
        @NotNull @Size(min = 5, max = 5) List<@NotNull @Valid SeverityTargetsDto> severities,
        @Schema(description = "The calendar every test-phase clock counts in, whatever its severity")
        @NotNull CalendarKind testPhaseCalendar) {

    /** The policy these targets make; 400 naming each entry unreadable, repeating a severity or out of range. */
    ServiceLevelPolicy toPolicy() {
        List<Violation> violations = new ArrayList<>();
        Map<Integer, SeverityTargets> bySeverity = new HashMap<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < severities.size(); i++) {
            String field = "severities[" + i + "]";
            SeverityTargetsDto entry = severities.get(i);
            if (!seen.add(entry.severity())) {
                violations.add(new Violation(field + ".severity", "repeats severity " + entry.severity()));
                continue;
            }
            SeverityTargets targets = entry.toTargets(field, violations);
            if (targets != null) {
                violations.addAll(ServiceLevelPolicy.violations(field, targets));
                bySeverity.put(entry.severity(), targets);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new ServiceLevelPolicy(bySeverity, testPhaseCalendar);
    }
}
