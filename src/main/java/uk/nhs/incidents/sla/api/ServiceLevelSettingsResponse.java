package uk.nhs.incidents.sla.api;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy;
import uk.nhs.incidents.sla.service.ServiceLevelSettings.InForce;

@Schema(name = "ServiceLevelTargets", description = "The targets new and retargeted clocks take")
public record ServiceLevelSettingsResponse(
        List<SeverityTargetsDto> severities,
        CalendarKind testPhaseCalendar,
        @Schema(description = "ADMIN: set over this API (updatedAt and updatedBy say when and by whom); "
                + "CONFIGURATION: the service's configured targets, in force while none are set")
        Source source,
        Instant updatedAt,
        UpdatedBy updatedBy) {

    public enum Source { ADMIN, CONFIGURATION }

    public record UpdatedBy(String user, String organisation) {
    }

    static ServiceLevelSettingsResponse of(InForce inForce) {
        ServiceLevelPolicy policy = inForce.policy();
        List<SeverityTargetsDto> severities = policy.bySeverity().entrySet().stream()
                .map(e -> SeverityTargetsDto.of(e.getKey(), e.getValue())).toList();
        return inForce.stored().map(stored -> new ServiceLevelSettingsResponse(severities,
                        policy.testPhaseCalendar(), Source.ADMIN, stored.updatedAt(),
                        new UpdatedBy(stored.updatedBy(), stored.updatedByOrganisation())))
                .orElseGet(() -> new ServiceLevelSettingsResponse(severities, policy.testPhaseCalendar(),
                        Source.CONFIGURATION, null, null));
    }
}
