package uk.nhs.incidents.notification.service;

import jakarta.transaction.TransactionScoped;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.incidents.incident.data.HistoryEntry;

/** The changes a sweep batch records, gathered for the length of its transaction to be notified together. */
@TransactionScoped
class SweptChanges {

    /** {@code null} while no sweep batch gathers in this transaction. */
    private List<HistoryEntry> gathered;

    void gather() {
        gathered = new ArrayList<>();
    }

    /** @return false when no sweep batch gathers: the caller notifies the change itself, at once */
    boolean add(HistoryEntry entry) {
        return gathered != null && gathered.add(entry);
    }

    List<HistoryEntry> drain() {
        List<HistoryEntry> all = gathered == null ? List.of() : gathered;
        gathered = null;
        return all;
    }
}
