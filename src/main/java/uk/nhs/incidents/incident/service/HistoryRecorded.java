package uk.nhs.incidents.incident.service;

import java.util.List;
import java.util.Map;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.routing.domain.Routing;

/**
 * Entries were recorded: one change's, or a sweep batch's. Observed synchronously, so what observers write commits
 * with the change; observers handle the entries together, reading what they need once. {@code known} holds the
 * incidents the change already has in memory, complete, so that observers need not read back what it just wrote.
 * {@code routedBefore} holds, for an incident the change re-routed, the routing it came from: a reclassification is
 * told to everyone that routing named, the parties it removes included, while the change is read as it leaves the
 * incident.
 */
public record HistoryRecorded(List<HistoryEntry> entries, Map<Long, IncidentSnapshot> known,
        Map<Long, Routing> routedBefore) {
}
