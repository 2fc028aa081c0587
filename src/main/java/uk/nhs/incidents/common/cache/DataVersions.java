package uk.nhs.incidents.common.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

/** The versions of the cached data sets (reference_data_version, V13), raised by every change of their tables. */
@ApplicationScoped
class DataVersions {

    private static final String TABLE = "reference_data_version";

    private final EntityManager entityManager;

    DataVersions(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Synchronised with its own table alone, so that reading a version never flushes the session's changes. */
    long of(String name) {
        Number version = (Number) entityManager.createNativeQuery("select version from " + TABLE + " where name = :name")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace(TABLE).setParameter("name", name)
                .getSingleResult();
        return version.longValue();
    }
}
