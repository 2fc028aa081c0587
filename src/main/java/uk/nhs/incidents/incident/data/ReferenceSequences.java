package uk.nhs.incidents.incident.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.regex.Pattern;

/**
 * One PostgreSQL sequence per reference series and year, {@code incident_reference_inc_2026} for example. Taking
 * a number from a sequence holds no lock, so raises do not queue behind each other; it is never rolled back, so a
 * number taken by a creation that rolls back is not reused, which the series tolerates.
 */
@ApplicationScoped
public class ReferenceSequences {

    /** Sequence names are built from these only, so what reaches the SQL text is always a plain identifier. */
    private static final Pattern SERIES = Pattern.compile("[A-Z]{3}");

    private final EntityManager entityManager;

    ReferenceSequences(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public static String name(String series, int year) {
        if (!SERIES.matcher(series).matches() || year < 0 || year > 9999) {
            throw new IllegalArgumentException("no reference series " + series + " " + year);
        }
        return "incident_reference_" + series.toLowerCase() + "_" + year;
    }

    public boolean exists(String name) {
        return (Boolean) entityManager.createNativeQuery("select to_regclass(:name) is not null", Boolean.class)
                .setParameter("name", name).getSingleResult();
    }

    /**
     * Creates the sequence unless it exists, to carry on after the highest reference of the series already given:
     * 1 for a new year, and past every incident's number for a series whose sequence was lost (say, by a restore
     * that did not carry it). Two instances creating the same one at once would collide in the catalogue, so
     * creators take a transaction-level advisory lock on the name first.
     */
    public void create(String name, String referencePrefix) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(:name))").setParameter("name", name)
                .getSingleResult();
        long next = ((Number) entityManager.createNativeQuery("""
                select coalesce(max(cast(substr(reference, length(:prefix) + 1) as bigint)), 0) + 1
                from incident where starts_with(reference, :prefix)""")
                .setParameter("prefix", referencePrefix).getSingleResult()).longValue();
        entityManager.createNativeQuery("create sequence if not exists " + name + " as bigint minvalue 1 cache 1"
                + " start with " + next).executeUpdate();
    }

    /** The series' next number: 1 for its first. */
    public long next(String name) {
        return ((Number) entityManager.createNativeQuery("select nextval(cast(:name as regclass))")
                .setParameter("name", name).getSingleResult()).longValue();
    }
}
