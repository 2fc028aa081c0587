package uk.nhs.incidents.sla.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import uk.nhs.incidents.common.metrics.CachedQuery;
import uk.nhs.incidents.sla.data.ClockRepository;
import uk.nhs.incidents.sla.domain.ClockState;

/** Open incidents by clock state, and warnings and breaches as they are committed. */
@ApplicationScoped
public class ServiceLevelMetrics {

    private final MeterRegistry registry;
    private final CachedQuery<Map<ClockState, Long>> openByState;
    private final CachedQuery<Long> overdueWaits;

    ServiceLevelMetrics(MeterRegistry registry, ClockRepository clocks) {
        this.registry = registry;
        this.openByState = new CachedQuery<>(clocks::countOpenByState, Duration.ofSeconds(30));
        this.overdueWaits = new CachedQuery<>(clocks::countOverdueWaits, Duration.ofSeconds(30));
    }

    void register(@Observes StartupEvent event) {
        for (ClockState state : List.of(ClockState.RUNNING, ClockState.AT_RISK, ClockState.PAUSED, ClockState.BREACHED)) {
            Gauge.builder("incidents.open.clocks", () -> openByState.get().get(state))
                    .tag("state", state.name().toLowerCase())
                    .description("Clocks of open incidents by state, service-wide")
                    .register(registry);
        }
        Gauge.builder("incidents.waiting.overdue", overdueWaits::get)
                .description("Waits for information past the reminder limit and still unanswered")
                .register(registry);
    }

    /** Counted once the transaction that fired the threshold commits, so a rolled-back sweep counts nothing. */
    void onCrossed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ThresholdCrossed crossed) {
        registry.counter("incidents.sla.thresholds", "clock", crossed.clock().name().toLowerCase(),
                "threshold", crossed.threshold().name().toLowerCase()).increment();
    }
}
