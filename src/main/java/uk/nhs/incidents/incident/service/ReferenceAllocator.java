package uk.nhs.incidents.incident.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import uk.nhs.incidents.incident.data.ReferenceCounters;
import uk.nhs.incidents.incident.domain.IncidentReference;
import uk.nhs.incidents.vocabulary.Phase;

/**
 * Hands out the next reference in a phase's series for the year. The counter row is locked only for its own
 * short transaction, not the whole creation, so concurrent raises do not queue behind each other; a creation
 * that then fails leaves a gap, which the series tolerates.
 * <p>
 * That transaction commits without waiting for its WAL to reach disk ({@code synchronous_commit = off}): every
 * raise locks the same row, so waiting for a flush there would serialise all raises on the disk. It stays safe:
 * the incident that uses the number commits later, with a synchronous commit, and flushing its WAL flushes the
 * counter's before it. A crash can lose only increments whose numbers no committed incident holds.
 */
@ApplicationScoped
public class ReferenceAllocator {

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final ReferenceCounters counters;

    ReferenceAllocator(ReferenceCounters counters) {
        this.counters = counters;
    }

    public String next(Phase phase, Instant at) {
        int year = at.atZone(UK).getYear();
        long number = QuarkusTransaction.requiringNew().call(() -> counters.increment(phase.referencePrefix(), year));
        return IncidentReference.format(phase, year, number);
    }
}
