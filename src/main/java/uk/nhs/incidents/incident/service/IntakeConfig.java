package uk.nhs.incidents.incident.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

@ConfigMapping(prefix = "incidents.intake")
public interface IntakeConfig {

    /** How far ahead of the service's clock an {@code occurredAt} may be, for reporters whose clocks run fast. */
    @WithDefault("PT2M")
    @DurationMin(nanos = 0)
    Duration clockSkew();

    /**
     * How long a raise keeps trying while an admin's edit of its deployment holds it (the edit moves the deployment's
     * open incidents, and the raise must not slip past it), before answering 503 with {@code Retry-After}. The raise
     * holds no database connection while it waits.
     */
    @WithDefault("PT10S")
    @DurationMin(millis = 1)
    Duration deploymentWait();
}
