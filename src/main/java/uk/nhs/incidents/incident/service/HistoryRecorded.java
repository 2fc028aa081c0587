package uk.nhs.incidents.incident.service;

import uk.nhs.incidents.incident.data.HistoryEntry;

/** A change was recorded; observed synchronously, so what observers write commits with the change. */
public record HistoryRecorded(HistoryEntry entry) {
}
