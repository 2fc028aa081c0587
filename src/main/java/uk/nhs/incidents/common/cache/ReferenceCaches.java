package uk.nhs.incidents.common.cache;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Makes the caches of reference data, each named after its row in reference_data_version, and drops this
 * instance's copy of a data set as soon as a change of it made here ends. Other instances see the change by its
 * version within {@link CacheConfig#refresh} (docs/adr/0010).
 */
@ApplicationScoped
public class ReferenceCaches {

    private final DataVersions versions;
    private final CacheConfig config;
    private final Map<String, VersionedCache<?>> caches = new ConcurrentHashMap<>();

    ReferenceCaches(DataVersions versions, CacheConfig config) {
        this.versions = versions;
        this.config = config;
    }

    /** A cache of the data set {@code name}, read by {@code load} in the same transaction as its version. */
    public <T> VersionedCache<T> create(String name, Supplier<T> load) {
        VersionedCache<T> cache = new VersionedCache<>(() -> versions.of(name), load, ReferenceCaches::inTransaction,
                config.refresh(), System::nanoTime);
        caches.put(name, cache);
        return cache;
    }

    /**
     * After the change's transaction ends, committed or not: committed, this instance's next read uses it at once;
     * rolled back, nothing the change's own transaction may have cached outlives it.
     */
    void onChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) ReferenceDataChanged changed) {
        VersionedCache<?> cache = caches.get(changed.name());
        if (cache != null) {
            cache.invalidate();
        }
    }

    /**
     * Joins the caller's transaction, so that a change or a raise takes no second connection; outside one, a short
     * transaction of its own hands the connection back at once (read without one, the connection would stay with
     * the request until it ends, and a slow upload would hold it for minutes).
     */
    private static <R> R inTransaction(Supplier<R> reads) {
        return QuarkusTransaction.joiningExisting().call(reads::get);
    }
}
