package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.HistoryRepository;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.security.Caller;

/**
 * Writes history entries inside the transaction of the change they record, and announces each write, one entry
 * or a change's batch, as one {@link HistoryRecorded} event: its observers (notifications) write in that
 * transaction too, so the change and what it causes commit together or not at all. Every entry is written the same
 * way, so entries take their ids, and so their order among entries of the same instant, in the order recorded.
 */
@ApplicationScoped
public class HistoryRecorder {

    private static final int MAX_VALUE = 2000;

    private final HistoryRepository history;
    private final Event<HistoryRecorded> recorded;

    HistoryRecorder(HistoryRepository history, Event<HistoryRecorded> recorded) {
        this.history = history;
        this.recorded = recorded;
    }

    public HistoryEntry record(Incident incident, Caller caller, Instant at, HistoryAction action, String field,
            Object from, Object to, String reason) {
        return record(incident.id, caller, at, action, field, from, to, reason);
    }

    public HistoryEntry record(long incidentId, Caller caller, Instant at, HistoryAction action, String field,
            Object from, Object to, String reason) {
        HistoryEntry entry = entry(incidentId, caller, at, action, field, from, to, reason);
        recordAll(List.of(entry));
        return entry;
    }

    /**
     * Records the entries of one change, or of a sweep batch, in one statement and announces them together, after
     * everything the change wrote: what they cause reads the change complete, in whatever order it was written.
     */
    public void recordAll(List<HistoryEntry> entries) {
        recordAll(entries, Map.of());
    }

    /** As {@link #recordAll(List)}, handing on the incidents the change holds complete (see {@link HistoryRecorded}). */
    public void recordAll(List<HistoryEntry> entries, Map<Long, IncidentSnapshot> known) {
        recordAll(entries, known, Map.of());
    }

    /** As {@link #recordAll(List)}, for a change that re-routed incidents from {@code routedBefore}. */
    void recordAll(List<HistoryEntry> entries, Map<Long, IncidentSnapshot> known, Map<Long, Routing> routedBefore) {
        if (!entries.isEmpty()) {
            history.insertAll(entries);
            recorded.fire(new HistoryRecorded(entries, known, routedBefore));
        }
    }

    /** An entry not yet written, for {@link #recordAll}. */
    public static HistoryEntry entry(long incidentId, Caller caller, Instant at, HistoryAction action, String field,
            Object from, Object to, String reason) {
        HistoryEntry entry = new HistoryEntry();
        entry.incidentId = incidentId;
        entry.occurredAt = at;
        entry.actorUser = caller.user();
        entry.actorOrganisation = caller.organisation();
        entry.action = action;
        entry.field = field;
        entry.fromValue = capped(from);
        entry.toValue = capped(to);
        entry.reason = reason;
        return entry;
    }

    /**
     * The from and to columns hold 2000 characters; a longer value keeps its start. Reasons are kept whole (V40):
     * a caller's text with the service's words around it is the only copy of a resolution once it is reopened.
     */
    private static String capped(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 1) + "\u2026";
    }
}
