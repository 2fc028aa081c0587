package uk.nhs.incidents.webhook.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.common.cache.ReferenceDataChanged;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.party.service.OrganisationCache;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.webhook.data.WebhookDelivery;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository;
import uk.nhs.incidents.webhook.data.WebhookSubscription;
import uk.nhs.incidents.webhook.data.WebhookSubscriptionRepository;
import uk.nhs.incidents.webhook.domain.DeliveryStatus;
import uk.nhs.incidents.webhook.domain.EventSelection;
import uk.nhs.incidents.webhook.domain.TargetUrl;

/**
 * An organisation's webhooks, managed by its integration or by an admin acting for it: registered, listed, read,
 * removed, their secrets rotated, their deliveries listed and sent again. Another organisation's subscription does
 * not exist for the caller (404). Empty answers mean not found.
 */
@ApplicationScoped
public class WebhookSubscriptions {

    /** A subscription and its new secret in clear: shown to the caller this once, never stored so. */
    public record WithSecret(WebhookSubscription subscription, String secret) {
    }

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final OrganisationCache organisations;
    private final TargetAddresses addresses;
    private final SigningSecrets secrets;
    private final WebhookConfig config;
    private final Event<ReferenceDataChanged> changed;
    private final Clock clock;

    WebhookSubscriptions(WebhookSubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries,
            OrganisationCache organisations, TargetAddresses addresses, SigningSecrets secrets, WebhookConfig config,
            Event<ReferenceDataChanged> changed, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.organisations = organisations;
        this.addresses = addresses;
        this.secrets = secrets;
        this.config = config;
        this.changed = changed;
        this.clock = clock;
    }

    /**
     * Registers a webhook for the caller's organisation (an admin names it). The target's host is resolved and
     * checked before any transaction begins, as a name server may be slow; the subscription is then written in one.
     */
    public WithSecret register(String url, List<String> events, String organisation, Caller caller) {
        String owner = owner(caller, organisation);
        EventSelection.problem(events).ifPresent(problem -> {
            throw new InvalidInputException("events", problem);
        });
        TargetUrl.problem(url, config.requireHttps()).ifPresent(problem -> {
            throw new InvalidInputException("url", problem);
        });
        try {
            addresses.resolve(TargetUrl.of(url).host());
        } catch (TargetAddresses.RefusedTarget refused) {
            throw new UnprocessableException("url", "is not a target the service sends to: " + refused.getMessage());
        }
        return QuarkusTransaction.requiringNew().call(() -> store(owner, url, EventSelection.of(events), caller));
    }

    public List<WebhookSubscription> page(Caller caller, Optional<String> organisation, PageRequest request) {
        if (!caller.isAdmin() && organisation.filter(code -> !code.equals(caller.organisation())).isPresent()) {
            throw new ActionForbiddenException("Only admins list the webhooks of another organisation.");
        }
        return subscriptions.page(caller.isAdmin() ? organisation : Optional.of(caller.organisation()), request);
    }

    public Optional<WebhookSubscription> find(long id, Caller caller) {
        return subscriptions.findFor(id, scope(caller));
    }

    @Transactional
    public boolean remove(long id, Caller caller) {
        return find(id, caller).map(subscription -> {
            subscriptions.delete(subscription);
            changed.fire(new ReferenceDataChanged(Listeners.NAME));
            return true;
        }).orElse(false);
    }

    /**
     * A new secret; the one it replaces keeps signing beside it for {@code incidents.webhooks.secret-overlap}, so
     * the receiver can take up the new one meanwhile. A secret replaced before that stops signing at once.
     */
    @Transactional
    public Optional<WithSecret> rotateSecret(long id, Caller caller) {
        // Locked and read again: two rotations at once would otherwise both replace the same secret, and the first
        // one's new secret, shown once, would never sign.
        return find(id, caller).filter(subscriptions::lockAndReadAgain).map(subscription -> {
            String secret = secrets.generate();
            subscription.previousSecret = subscription.secret;
            subscription.previousSecretExpiresAt = Timestamps.now(clock).plus(config.secretOverlap());
            subscription.secret = secrets.seal(secret, subscription.id);
            changed.fire(new ReferenceDataChanged(Listeners.NAME)); // senders part-way through a batch sign with it
            return new WithSecret(subscription, secret);
        });
    }

    public Optional<List<WebhookDelivery>> deliveries(long id, Caller caller, PageRequest request) {
        return find(id, caller).map(subscription -> deliveries.forSubscription(subscription.id, request));
    }

    /**
     * Sends a delivered or failed delivery again, with the same id and body, after any earlier pending one of its
     * incident: the receiver tells it from the first by its {@code webhook-id}. The caller's subscription's row is
     * then taken before the delivery's, as its removal and its disabling take it, and read again as it now stands.
     */
    @Transactional
    public Optional<WebhookDelivery> redeliver(long id, long deliveryId, Caller caller) {
        return find(id, caller).filter(subscriptions::lockAndReadAgain).flatMap(subscription -> deliveries
                .findByIdOptional(deliveryId).filter(delivery -> delivery.subscriptionId == subscription.id)
                .map(delivery -> sentAgain(subscription, delivery)));
    }

    private WebhookDelivery sentAgain(WebhookSubscription subscription, WebhookDelivery delivery) {
        if (!subscription.isEnabled()) {
            throw new ConflictException("webhook-disabled", "Webhook disabled",
                    "The webhook is disabled, so nothing is sent to it; register it again.");
        }
        if (delivery.status == DeliveryStatus.PENDING) {
            throw new ConflictException("delivery-pending", "Delivery pending",
                    "The delivery is still being sent; it is not sent again until it ends.");
        }
        delivery.status = DeliveryStatus.PENDING;
        delivery.attempts = 0;
        delivery.deliveredAt = null;
        delivery.nextAttemptAt = Timestamps.now(clock);
        return delivery;
    }

    private WithSecret store(String owner, String url, EventSelection selection, Caller caller) {
        subscriptions.lockOrganisation(owner);
        if (subscriptions.countFor(owner) >= config.maxPerOrganisation()) {
            throw new ConflictException("webhook-limit", "Too many webhooks", "The organisation has "
                    + config.maxPerOrganisation() + " webhooks, as many as it may; remove one first.");
        }
        String secret = secrets.generate();
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.organisation = owner;
        subscription.url = url;
        subscription.events = selection.names();
        subscription.createdAt = Timestamps.now(clock);
        subscription.createdBy = caller.user();
        subscription.secret = "";
        subscriptions.persist(subscription);
        subscription.secret = secrets.seal(secret, subscription.id);
        changed.fire(new ReferenceDataChanged(Listeners.NAME));
        return new WithSecret(subscription, secret);
    }

    /**
     * Whose webhook it is: the caller's organisation; an admin's only by naming a registered one. Anyone else
     * naming another organisation is refused.
     */
    private String owner(Caller caller, String organisation) {
        if (!caller.isAdmin()) {
            if (organisation != null && !organisation.equals(caller.organisation())) {
                throw new ActionForbiddenException("Only admins register webhooks for another organisation.");
            }
            return caller.organisation();
        }
        if (organisation == null) {
            throw new InvalidInputException("organisation", "must name the organisation the webhook is for");
        }
        if (organisations.typeOf(organisation).isEmpty()) {
            throw new UnprocessableException("organisation", "no organisation with this ODS code");
        }
        return organisation;
    }

    /** The organisation whose subscriptions the caller manages; every one for an admin. */
    private static Optional<String> scope(Caller caller) {
        return caller.isAdmin() ? Optional.empty() : Optional.of(caller.organisation());
    }
}
