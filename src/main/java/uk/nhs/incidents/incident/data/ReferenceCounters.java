package uk.nhs.incidents.incident.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The last number handed out in each reference series, per year. {@link #increment} locks the series' row until
 * the transaction ends and turns off that transaction's synchronous commit, so it runs in a short transaction of
 * its own, as {@code ReferenceAllocator} does and explains.
 */
@ApplicationScoped
public class ReferenceCounters {

    private final EntityManager entityManager;

    ReferenceCounters(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The series' next number for the year: 1 for its first. */
    public long increment(String series, int year) {
        entityManager.createNativeQuery("set local synchronous_commit = off").executeUpdate();
        return ((Number) entityManager.createNativeQuery("""
                insert into reference_counter (series, year, last_value) values (:series, :year, 1)
                on conflict (series, year) do update set last_value = reference_counter.last_value + 1
                returning last_value""")
                .setParameter("series", series)
                .setParameter("year", year)
                .getSingleResult()).longValue();
    }
}
