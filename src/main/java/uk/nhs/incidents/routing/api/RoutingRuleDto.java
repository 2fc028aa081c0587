package uk.nhs.incidents.routing.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.party.domain.Programme;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.routing.domain.RoutingRule;

@Schema(name = "RoutingRule", description = "When every condition given matches (absent conditions match anything), "
        + "the party takes the part. The first matching RESOLVER and ACCOUNTABLE rules decide those parts; every "
        + "matching INFORMED rule informs its party.")
public record RoutingRuleDto(
        Phase phase,
        ProcurementRoute procurementRoute,
        @Min(1) @Max(5) Integer minSeverity,
        @Min(1) @Max(5) Integer maxSeverity,
        Programme programme,
        Boolean clinicalSafety,
        Boolean nationalComponentSuspected,
        Boolean icbSupportAgreed,
        Boolean raisedByServiceDesk,
        @Schema(description = "The National Service Desk has involved the BaRS programme in the incident")
        Boolean barsProgrammeInvolved,
        @NotNull Part part,
        @NotNull PartyRole party,
        @NotNull Contact contact,
        boolean bestEffort,
        @NotBlank @Size(max = 500) String reason) {

    public RoutingRule toRule() {
        return new RoutingRule(phase, procurementRoute, minSeverity, maxSeverity, programme, clinicalSafety,
                nationalComponentSuspected, icbSupportAgreed, raisedByServiceDesk, barsProgrammeInvolved, part, party,
                contact, bestEffort, reason);
    }

    public static RoutingRuleDto of(RoutingRule r) {
        return new RoutingRuleDto(r.phase(), r.route(), r.minSeverity(), r.maxSeverity(), r.programme(),
                r.clinicalSafety(), r.nationalComponentSuspected(), r.icbSupportAgreed(), r.raisedByServiceDesk(),
                r.barsProgrammeInvolved(), r.part(), r.party(), r.contact(), r.bestEffort(), r.reason());
    }
}
