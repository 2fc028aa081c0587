package uk.nhs.incidents.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/** Who may hold which role beyond what the organisation table says. */
@ConfigMapping(prefix = "incidents.security")
public interface SecurityConfig {

    /**
     * ODS codes of the organisations that operate the service, the only ones whose tokens may carry the admin
     * role; they need not be registered, so that an admin can register the first organisations.
     */
    @WithDefault("X26")
    Set<String> operators();
}
