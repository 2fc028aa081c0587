package uk.nhs.incidents.incident.service;

import java.util.List;
import uk.nhs.incidents.incident.data.HistoryEntry;

/**
 * Entries were recorded: one change's, or a sweep batch's. Observed synchronously, so what observers write commits
 * with the change; observers handle the entries together, reading what they need once.
 */
public record HistoryRecorded(List<HistoryEntry> entries) {
}
