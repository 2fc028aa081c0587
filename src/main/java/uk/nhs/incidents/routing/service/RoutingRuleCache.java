package uk.nhs.incidents.routing.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import uk.nhs.incidents.common.cache.ReferenceCaches;
import uk.nhs.incidents.common.cache.VersionedCache;
import uk.nhs.incidents.routing.data.RoutingRuleEntity;
import uk.nhs.incidents.routing.data.RoutingRuleRepository;
import uk.nhs.incidents.routing.domain.RoutingRule;

/** The routing rule set as every routing reads it, kept in memory and at most {@code incidents.cache.refresh} old. */
@ApplicationScoped
public class RoutingRuleCache {

    /** Its row in reference_data_version. */
    public static final String NAME = "routing_rule";

    private final VersionedCache<List<RoutingRule>> cache;

    RoutingRuleCache(ReferenceCaches caches, RoutingRuleRepository rules) {
        this.cache = caches.create(NAME, () -> rules.inOrder().stream().map(RoutingRuleEntity::toRule).toList());
    }

    public List<RoutingRule> current() {
        return cache.current();
    }
}
