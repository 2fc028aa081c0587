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
}
