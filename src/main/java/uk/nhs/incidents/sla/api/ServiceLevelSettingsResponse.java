package uk.nhs.incidents.sla.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.sla.data.ServiceLevelSettingsRepository.Change;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy;
import uk.nhs.incidents.sla.service.ServiceLevelSettings.InForce;

@Schema(name = "ServiceLevelTargets", description = "The targets new and retargeted clocks take")
public record ServiceLevelSettingsResponse(
        List<SeverityTargetsDto> severities,
        CalendarKind testPhaseCalendar,
        @Schema(description = "ADMIN: set over this API; CONFIGURATION: the service's configured targets, in force "
                + "while none are set") Source source,
        @Schema(description = "The last change over this API, setting targets or going back to the configured "
                + "ones; absent if none was ever made")
        @JsonInclude(JsonInclude.Include.NON_NULL) LastChange lastChange) {

    @Schema(name = "ServiceLevelTargetsSource")
    public enum Source { ADMIN, CONFIGURATION }

    @Schema(name = "ServiceLevelTargetsChange")
    public record LastChange(
            Instant at,
            @Schema(description = "The admin who made it; shown to admins only") String user,
            @Schema(description = "ODS code of the admin's organisation") String organisation) {
    }

    /** The targets in force; the user who last changed them only for an admin ({@code showUser}). */
    static ServiceLevelSettingsResponse of(InForce inForce, boolean showUser) {
        ServiceLevelPolicy policy = inForce.policy();
        List<SeverityTargetsDto> severities = policy.bySeverity().entrySet().stream()
                .map(e -> SeverityTargetsDto.of(e.getKey(), e.getValue())).toList();
        return new ServiceLevelSettingsResponse(severities, policy.testPhaseCalendar(),
                inForce.set() ? Source.ADMIN : Source.CONFIGURATION,
                inForce.lastChange().map(change -> lastChange(change, showUser)).orElse(null));
    }

    private static LastChange lastChange(Change change, boolean showUser) {
        return new LastChange(change.changedAt(), showUser ? change.changedBy() : null, change.changedByOrganisation());
    }
}
