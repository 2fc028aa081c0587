package uk.nhs.incidents.routing.domain;

import java.util.Map;

/** The ODS code of each party role for one incident; national roles may be absent when none is registered. */
public record PartyDirectory(Map<PartyRole, String> organisations) {

    public PartyDirectory {
        organisations = Map.copyOf(organisations);
    }

    public String organisation(PartyRole role) {
        return organisations.get(role);
    }
}
