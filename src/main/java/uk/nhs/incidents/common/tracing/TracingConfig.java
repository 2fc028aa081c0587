package uk.nhs.incidents.common.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import uk.nhs.incidents.common.time.PositiveDuration;

@ConfigMapping(prefix = "incidents.tracing")
public interface TracingConfig {

    /** Export a span per HTTP request over OTLP; off unless switched on. */
    @WithDefault("false")
    boolean enabled();

    /** The OTLP/HTTP traces endpoint of the collector. */
    @WithDefault("http://localhost:4318/v1/traces")
    String endpoint();

    @WithDefault("incident-service")
    String serviceName();

    /** How often the spans ended since are sent to the collector, in one batch (OpenTelemetry's default). */
    @WithDefault("PT5S")
    @PositiveDuration
    Duration exportEvery();
}
