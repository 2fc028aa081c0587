package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.security.Caller;

/** Writes history entries; called inside the transaction of the change they record, so both commit or neither. */
@ApplicationScoped
public class History {

    public void record(Incident incident, Caller caller, Instant at, String action, String field, Object from,
            Object to, String reason) {
        HistoryEntry entry = new HistoryEntry();
        entry.incidentId = incident.id;
        entry.occurredAt = at;
        entry.actorUser = caller.user();
        entry.actorOrganisation = caller.organisation();
        entry.action = action;
        entry.field = field;
        entry.fromValue = from == null ? null : from.toString();
        entry.toValue = to == null ? null : to.toString();
        entry.reason = reason;
        entry.persist();
    }
}
