package uk.nhs.incidents.webhook.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.nhs.incidents.common.cache.ReferenceCaches;
import uk.nhs.incidents.common.cache.VersionedCache;
import uk.nhs.incidents.party.domain.RegisteredOrganisation;
import uk.nhs.incidents.party.service.OrganisationCache;
import uk.nhs.incidents.webhook.data.Listener;
import uk.nhs.incidents.webhook.data.Subscribed;
import uk.nhs.incidents.webhook.data.WebhookSubscriptionRepository;

/**
 * The enabled webhook subscriptions as every change of an incident reads them, kept in memory and at most
 * {@code incidents.cache.refresh} behind the database (docs/adr/0010), each with its organisation's type as the
 * organisations' cache has it. A registration or removal made on this instance is used at once; one made elsewhere
 * within the refresh time. The cache only says whom to consider: deliveries are written for the subscriptions still
 * enabled when the change writes them ({@code WebhookDeliveryRepository#insertAll}), so a subscription removed or
 * disabled elsewhere a moment ago is not written to, and its removal cannot fail the change.
 */
@ApplicationScoped
public class Listeners {

    /** Its row in reference_data_version. */
    public static final String NAME = "webhook_subscription";

    private final VersionedCache<List<Subscribed>> cache;
    private final OrganisationCache organisations;

    Listeners(ReferenceCaches caches, WebhookSubscriptionRepository subscriptions, OrganisationCache organisations) {
        this.cache = caches.create(NAME, subscriptions::enabled);
        this.organisations = organisations;
    }

    /** The enabled subscriptions, oldest first. Those of an organisation no longer registered hear nothing. */
    public List<Listener> current() {
        List<Subscribed> enabled = cache.current();
        if (enabled.isEmpty()) {
            return List.of();
        }
        Map<String, RegisteredOrganisation> registered = organisations.byCode(
                enabled.stream().map(Subscribed::organisation).collect(Collectors.toSet()));
        return enabled.stream().filter(s -> registered.containsKey(s.organisation()))
                .map(s -> s.as(registered.get(s.organisation()).type())).toList();
    }

    /**
     * The subscription as the cache has it, if it is enabled: for a sender to stop posting to one removed or
     * disabled meanwhile, and to sign with a secret rotated meanwhile, without the organisations' lookup every
     * change's audience needs.
     */
    public Optional<Subscribed> enabled(long subscriptionId) {
        return cache.current().stream().filter(subscribed -> subscribed.id() == subscriptionId).findFirst();
    }
}
