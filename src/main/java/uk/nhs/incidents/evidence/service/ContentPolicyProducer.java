package uk.nhs.incidents.evidence.service;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import uk.nhs.incidents.evidence.domain.ContentPolicy;
import uk.nhs.incidents.evidence.domain.EvidenceKind;

/**
 * The one content policy, built from {@code incidents.evidence.allowed-types} as the service starts: a listed type
 * that is not one stops the start with the setting named, instead of failing every upload of its kind.
 */
@ApplicationScoped
class ContentPolicyProducer {

    static final String SETTING = "incidents.evidence.allowed-types.";

    @Produces
    @Singleton
    @Startup
    ContentPolicy policy(EvidenceConfig config) {
        return of(config.allowedTypes());
    }

    static ContentPolicy of(Map<EvidenceKind, List<String>> allowedTypes) {
        try {
            return new ContentPolicy(allowedTypes);
        } catch (ContentPolicy.InvalidType e) {
            throw new IllegalStateException(SETTING + e.kind() + ": " + e.getMessage(), e);
        }
    }
}
