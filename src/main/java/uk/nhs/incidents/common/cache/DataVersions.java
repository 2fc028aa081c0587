package uk.nhs.incidents.common.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

/**
 * The versions of the cached data sets (reference_data_version, V13), raised by every change of their tables; also
 * the ETag of a data set an admin replaces whole (the routing rules, the service-level targets).
 */
@ApplicationScoped
public class DataVersions {

    private static final String TABLE = "reference_data_version";

    private final EntityManager entityManager;

    DataVersions(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Synchronised with its own table alone, so that reading a version never flushes the session's changes: a change
     * that wants its own statements counted flushes them first.
     */
    public long of(String name) {
        return read(name, "");
    }

    /** The version, its row locked until the transaction ends: changes of the data set made through it queue there. */
    public long locked(String name) {
        return read(name, " for update");
    }

    private long read(String name, String lock) {
        Number version = (Number) entityManager.createNativeQuery("select version from " + TABLE
                + " where name = :name" + lock).unwrap(NativeQuery.class).addSynchronizedQuerySpace(TABLE)
                .setParameter("name", name).getSingleResult();
        return version.longValue();
    }
}
