package uk.nhs.incidents.incident.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import uk.nhs.incidents.common.jobs.JobInterval;

@ConfigMapping(prefix = "incidents.lifecycle")
public interface LifecycleConfig {

    AutoClose autoClose();

    interface AutoClose {

        /** Working days (service-hours calendar) after which a resolved incident closes unless reopened. */
        @WithDefault("5")
        @Positive
        int workingDays();

        /** How often the auto-close job looks for resolved incidents that are due. */
        @WithDefault("5m")
        @JobInterval
        String every();

        /** How many incidents one transaction closes at most. */
        @WithDefault("100")
        @Positive
        int batchSize();
    }
}
