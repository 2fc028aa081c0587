package uk.nhs.incidents.incident.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import uk.nhs.incidents.incident.domain.ReferenceSeries;

/**
 * One PostgreSQL sequence per reference series and year, {@code incident_reference_inc_2026} for example (major
 * incidents' too, {@code incident_reference_maj_2026}). Taking
 * a number from a sequence holds no lock, so raises do not queue behind each other; it is never rolled back, so a
 * number taken by a creation that rolls back is not reused, which the series tolerates.
 */
@ApplicationScoped
public class ReferenceSequences {

    private final EntityManager entityManager;

    ReferenceSequences(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Built from the series' code and the year only, so what reaches the SQL text is always a plain identifier. */
    public static String name(ReferenceSeries series, int year) {
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("no reference series " + series + " " + year);
        }
        return "incident_reference_" + series.code().toLowerCase() + "_" + year;
    }

    public boolean exists(String name) {
        return (Boolean) entityManager.createNativeQuery("select to_regclass(:name) is not null", Boolean.class)
                .setParameter("name", name).getSingleResult();
    }

    /**
     * Creates the sequence unless it exists, to carry on after the highest reference of the series already given:
     * 1 for a new year, and past every number of the series' table for a series whose sequence was lost (say, by a
     * restore that did not carry it). Two instances creating the same one at once would collide in the catalogue,
     * so creators take a transaction-level advisory lock on the name first.
     */
    public void create(ReferenceSeries series, int year) {
        String name = name(series, year);
        lock(name);
        entityManager.createNativeQuery("create sequence if not exists " + name + " as bigint minvalue 1 cache 1"
                + " start with " + (highest(series, year) + 1)).executeUpdate();
    }

    /**
     * Moves the sequence on past the highest reference of the series already given, if it is behind them (carried
     * over by a restore at an older value, or by logical replication, which copies no sequence's value); never back.
     */
    public void catchUp(ReferenceSeries series, int year) {
        String name = name(series, year);
        lock(name);
        entityManager.createNativeQuery("select setval(cast(:name as regclass), :highest) from " + name
                + " where :highest > 0 and last_value <= :highest").setParameter("name", name)
                .setParameter("highest", highest(series, year)).getResultList();
    }

    private void lock(String name) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(:name))").setParameter("name", name)
                .getSingleResult();
    }

    /** The highest number of the series given so far; 0 for none. */
    private long highest(ReferenceSeries series, int year) {
        String prefix = series.prefix(year);
        return ((Number) entityManager.createNativeQuery("select coalesce(max(cast(substr(reference,"
                + " length(:prefix) + 1) as bigint)), 0) from " + series.table()
                + " where starts_with(reference, :prefix)")
                .setParameter("prefix", prefix).getSingleResult()).longValue();
    }

    /** The series' next number: 1 for its first. */
    public long next(String name) {
        return ((Number) entityManager.createNativeQuery("select nextval(cast(:name as regclass))")
                .setParameter("name", name).getSingleResult()).longValue();
    }
}
