package uk.nhs.incidents.routing.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;

@ConfigMapping(prefix = "incidents.routing")
public interface RoutingConfig {

    /** The most rules a rule set may hold: every incident routed is matched against each of them. */
    @WithDefault("200")
    @Positive
    int maxRules();
}
