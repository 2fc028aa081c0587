package uk.nhs.incidents.evidence.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import uk.nhs.incidents.common.metrics.CachedQuery;

/** Bytes of evidence held, service-wide, for capacity planning of the database. */
@ApplicationScoped
public class EvidenceMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, EntityManager entityManager) {
        CachedQuery<Long> stored = new CachedQuery<>(() -> ((Number) entityManager.createNativeQuery(
                "select coalesce(sum(size_bytes), 0) from evidence where removed_at is null").getSingleResult())
                .longValue(), Duration.ofSeconds(60));
        Gauge.builder("incidents.evidence.stored", stored::get).baseUnit("bytes")
                .description("Evidence content held, service-wide").register(registry);
    }
}
