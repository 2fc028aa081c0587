package uk.nhs.incidents.common.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

@ConfigMapping(prefix = "incidents.cache")
public interface CacheConfig {

    /**
     * How long an instance trusts its cached reference data (organisations, routing rules, webhook subscriptions,
     * service-level targets)
     * before it reads their versions again: the longest a change made on another instance, or in SQL, takes to be
     * used here.
     */
    @WithDefault("2s")
    @DurationMin(nanos = 0)
    Duration refresh();
}
