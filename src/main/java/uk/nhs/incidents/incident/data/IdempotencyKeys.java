package uk.nhs.incidents.incident.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency keys per calling organisation. {@link #claim} inserts the key inside the creating transaction: a
 * concurrent retry with the same key blocks on the uncommitted row, then finds it committed and replays.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** What a key was first used for. */
    public record Claimed(String requestHash, Long incidentId) {
    }

    private final EntityManager entityManager;

    IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** @return true when this transaction now holds the key; false when it was already used */
    public boolean claim(String organisation, String key, String requestHash, Instant now) {
        return entityManager.createNativeQuery("""
                insert into idempotency_key (organisation, key, request_hash, created_at)
                values (:organisation, :key, :hash, :now) on conflict (organisation, key) do nothing""")
                .setParameter("organisation", organisation).setParameter("key", key)
                .setParameter("hash", requestHash).setParameter("now", now)
                .executeUpdate() == 1;
    }

    public Optional<Claimed> find(String organisation, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select request_hash, incident_id from idempotency_key where organisation = :organisation and key = :key")
                .setParameter("organisation", organisation).setParameter("key", key).getResultList();
        return rows.stream().findFirst()
                .map(row -> new Claimed((String) row[0], row[1] == null ? null : ((Number) row[1]).longValue()));
    }

    public void attach(String organisation, String key, long incidentId) {
        entityManager.createNativeQuery(
                "update idempotency_key set incident_id = :incident where organisation = :organisation and key = :key")
                .setParameter("incident", incidentId).setParameter("organisation", organisation)
                .setParameter("key", key).executeUpdate();
    }
}
