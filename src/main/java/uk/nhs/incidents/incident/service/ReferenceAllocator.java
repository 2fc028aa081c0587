package uk.nhs.incidents.incident.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.ZoneId;
import uk.nhs.incidents.incident.domain.IncidentReference;
import uk.nhs.incidents.incident.domain.Phase;

/**
 * Hands out the next reference in a phase's series for the year. The counter row is locked only for its own
 * short transaction, not the whole creation, so concurrent raises do not queue behind each other; a creation
 * that then fails leaves a gap, which the series tolerates.
 */
@ApplicationScoped
public class ReferenceAllocator {

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final EntityManager entityManager;

    ReferenceAllocator(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public String next(Phase phase, Instant at) {
        int year = at.atZone(UK).getYear();
        long number = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                insert into reference_counter (series, year, last_value) values (:series, :year, 1)
                on conflict (series, year) do update set last_value = reference_counter.last_value + 1
                returning last_value""")
                .setParameter("series", phase.referencePrefix())
                .setParameter("year", year)
                .getSingleResult()).longValue());
        return IncidentReference.format(phase, year, number);
    }
}
