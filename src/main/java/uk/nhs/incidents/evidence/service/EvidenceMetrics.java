package uk.nhs.incidents.evidence.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import uk.nhs.incidents.common.metrics.CachedQuery;
import uk.nhs.incidents.evidence.data.EvidenceRepository;

/** Bytes of evidence held, service-wide, for capacity planning of the database. */
@ApplicationScoped
public class EvidenceMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, EvidenceRepository evidence) {
        CachedQuery<Long> stored = new CachedQuery<>(evidence::storedBytes, Duration.ofSeconds(60));
        Gauge.builder("incidents.evidence.stored", stored::get).baseUnit("bytes")
                .description("Evidence content held, service-wide").register(registry);
    }
}
