package uk.nhs.incidents.routing.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.routing.domain.RoutedParty;

/**
 * A party routed to an incident, as stored; recomputed when the incident's classification changes. A party the
 * new routing no longer names keeps its row, marked removed, so that it keeps read access.
 */
@Entity
@Table(name = "incident_route")
public class IncidentRoute {

    @Id
    @GeneratedValue
    public Long id;

    private static final String REASON_SEPARATOR = "\n";

    @Column(name = "incident_id")
    public long incidentId;

    @Enumerated(EnumType.STRING)
    public Part part;

    @Enumerated(EnumType.STRING)
    public PartyRole party;

    @Column(name = "ods_code")
    public String organisation;

    @Enumerated(EnumType.STRING)
    public Contact contact;

    @Column(name = "best_effort")
    public boolean bestEffort;

    public String reasons;

    /** When re-routing stopped naming this party; {@code null} while it is current. */
    @Column(name = "removed_at")
    public Instant removedAt;

    public RoutedParty toParty() {
        return storedParty(part, party, organisation, contact, bestEffort, reasons);
    }

    /** A party as its row stores it: its reasons are kept one a line. */
    static RoutedParty storedParty(Part part, PartyRole party, String organisation, Contact contact, boolean bestEffort,
            String reasons) {
        return new RoutedParty(part, party, organisation, contact, bestEffort,
                Arrays.asList(reasons.split(REASON_SEPARATOR)));
    }

    public static IncidentRoute of(long incidentId, RoutedParty party) {
        IncidentRoute route = new IncidentRoute();
        route.incidentId = incidentId;
        route.part = party.part();
        route.party = party.party();
        route.organisation = party.organisation();
        route.contact = party.contact();
        route.bestEffort = party.bestEffort();
        route.reasons = String.join(REASON_SEPARATOR, party.reasons());
        return route;
    }

    /** Takes the new routing's facts for the same recipient: its role, reasons and commitment may differ. */
    public void update(RoutedParty party) {
        this.party = party.party();
        bestEffort = party.bestEffort();
        reasons = String.join(REASON_SEPARATOR, party.reasons());
    }
}
