package uk.nhs.incidents.incident.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.incidents.common.config.SettingsBound;
import uk.nhs.incidents.sla.service.SlaConfig;

/**
 * Stops the start when the sweep's loops could hold more than half the connection pool: each loop holds a connection
 * for the whole of its batch, so a sweep catching up would leave requests waiting for what remains
 * ({@link SettingsBound}).
 */
@ApplicationScoped
class SweepConnections {

    void check(@Observes StartupEvent event, SlaConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.max-size", defaultValue = "20") int poolSize) {
        SettingsBound.hold(refusal(config.sweep().concurrency(), poolSize));
    }

    /** Why {@code loops} sweeping at once cannot work with a pool of {@code poolSize}; empty when they can. */
    static Optional<String> refusal(int loops, int poolSize) {
        if (loops <= poolSize / 2) {
            return Optional.empty();
        }
        return Optional.of("incidents.sla.sweep.concurrency=" + loops + " would let the sweep hold more than half of "
                + "quarkus.datasource.jdbc.max-size=" + poolSize + " connections; lower the one or raise the other");
    }
}
