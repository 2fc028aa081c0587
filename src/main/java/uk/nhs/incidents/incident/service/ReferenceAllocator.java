package uk.nhs.incidents.incident.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.incidents.common.database.UniqueConstraints;
import uk.nhs.incidents.common.problem.UnavailableException;
import uk.nhs.incidents.incident.data.ReferenceSequences;
import uk.nhs.incidents.incident.domain.ReferenceSeries;

/**
 * Hands out references, one series per phase (and one for major incidents) and UK year, each series a sequence of
 * its own. {@link #series} runs before the creating transaction and makes sure the sequence exists, creating it in
 * a short transaction of its own the first time a series is used (the first raise of a year); {@link #next} then
 * takes a number inside the creating transaction: {@code nextval} holds no lock and is never rolled back, so
 * concurrent creations never wait for each other's numbers.
 */
@ApplicationScoped
public class ReferenceAllocator {

    private static final ZoneId UK = ZoneId.of("Europe/London");

    /** A series in one year, and the sequence its numbers come from. */
    public record Series(ReferenceSeries series, int year, String sequence) {
    }

    private final ReferenceSequences sequences;
    /** Sequences known to exist, so that a raise checks only the first time it meets a series. */
    private final Set<String> existing = ConcurrentHashMap.newKeySet();
    /** Sequences found behind the references they gave, to be moved on past them before their next number. */
    private final Set<String> behind = ConcurrentHashMap.newKeySet();

    ReferenceAllocator(ReferenceSequences sequences) {
        this.sequences = sequences;
    }

    /** The series a creation at {@code at} numbers from; outside any transaction. */
    public Series series(ReferenceSeries series, Instant at) {
        int year = at.atZone(UK).getYear();
        String sequence = ReferenceSequences.name(series, year);
        if (!existing.contains(sequence)) {
            boolean catchUp = behind.contains(sequence);
            QuarkusTransaction.requiringNew().run(() -> {
                if (!sequences.exists(sequence)) {
                    sequences.create(series, year);
                } else if (catchUp) {
                    sequences.catchUp(series, year);
                }
            });
            behind.remove(sequence);
            existing.add(sequence);
        }
        return new Series(series, year, sequence);
    }

    /**
     * The series' next reference, taken in the caller's transaction. Should the sequence have gone (dropped by an
     * operator, or left behind by a restore), this creation is refused as one to retry, and the next one creates
     * the sequence again past the references already given.
     */
    public String next(Series series) {
        try {
            return series.series().format(series.year(), sequences.next(series.sequence()));
        } catch (PersistenceException e) {
            existing.remove(series.sequence());
            throw unavailable(series);
        }
    }

    /**
     * Runs the write that stores a new reference, which {@code uniqueReference} keeps unique. Should the reference
     * have been given already, the series' sequence is behind the references it gave (carried over by a restore at
     * an older value, or by logical replication, which copies no sequence's value): this creation is refused as one
     * to retry, and the next one moves the sequence on past them.
     */
    public void storing(Series series, String uniqueReference, Runnable write) {
        try {
            write.run();
        } catch (PersistenceException e) {
            if (!UniqueConstraints.broke(e, uniqueReference)) {
                throw e;
            }
            behind.add(series.sequence());
            existing.remove(series.sequence());
            throw unavailable(series);
        }
    }

    private static UnavailableException unavailable(Series series) {
        return new UnavailableException("reference-series-unavailable", "Reference series unavailable",
                "The " + series.series().prefix(series.year()) + " reference series could not "
                        + "be read just now; nothing was created. Please try again.", Duration.ofSeconds(1));
    }
}
