package uk.nhs.incidents.routing.api;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.routing.domain.RoutedParty;
import uk.nhs.incidents.routing.domain.Routing;

@Schema(name = "Routing", description = "Who resolves, who is accountable and who is informed, each with the reasons;"
        + " and the parties earlier routings named that the current one does not")
public record RoutingResponse(Party resolver, Party accountable, List<Party> informed,
        @Schema(description = "Parties no longer routed to the incident: they keep read access and act no more")
        List<FormerParty> former) {

    @Schema(name = "FormerParty")
    public record FormerParty(Part part, PartyRole party, String organisation, Contact contact,
            @Schema(description = "When re-routing stopped naming the party") Instant removedAt) {

        static FormerParty of(Routing.FormerParty f) {
            RoutedParty p = f.party();
            return new FormerParty(p.part(), p.party(), p.organisation(), p.contact(), f.removedAt());
        }
    }

    @Schema(name = "RoutedParty")
    public record Party(PartyRole party,
            @Schema(description = "ODS code; absent when no organisation of a national type is registered") String organisation,
            @Schema(description = "The mailbox used: the organisation's incident mailbox or its CSO") Contact contact,
            @Schema(description = "Involvement is best effort, not a commitment") boolean bestEffort,
            List<String> reasons) {

        static Party of(RoutedParty p) {
            return new Party(p.party(), p.organisation(), p.contact(), p.bestEffort(), p.reasons());
        }
    }

    public static RoutingResponse of(Routing routing) {
        return routing == null ? null : new RoutingResponse(Party.of(routing.resolver()),
                Party.of(routing.accountable()), routing.informed().stream().map(Party::of).toList(),
                routing.former().stream().map(FormerParty::of).toList());
    }
}
