package uk.nhs.incidents.incident.service;

import java.util.List;
import java.util.Map;
import uk.nhs.incidents.incident.data.HistoryEntry;

/**
 * Entries were recorded: one change's, or a sweep batch's. Observed synchronously, so what observers write commits
 * with the change; observers handle the entries together, reading what they need once. {@code known} holds the
 * incidents the change already has in memory, complete, so that observers need not read back what it just wrote.
 */
public record HistoryRecorded(List<HistoryEntry> entries, Map<Long, IncidentSnapshot> known) {
}
