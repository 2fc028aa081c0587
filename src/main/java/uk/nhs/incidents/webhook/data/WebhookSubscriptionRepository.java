package uk.nhs.incidents.webhook.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.security.RoleFit;

@ApplicationScoped
public class WebhookSubscriptionRepository implements PanacheRepository<WebhookSubscription> {

    /**
     * Whether the organisation {@code s.organisation}, of registered type {@code o.type}, reads incident {@code i}:
     * the incident scope of the role that acts for its type (IncidentScope.reading, the one statement of who reads
     * what), for every type at once.
     */
    private static final String READS_INCIDENT = Arrays.stream(OrganisationType.values())
            .map(type -> "(o.type = " + OrganisationType.class.getName() + "." + type.name() + " and "
                    + IncidentScope.readingCondition(Set.of(RoleFit.partyRole(type)), "s.organisation") + ")")
            .collect(Collectors.joining(" or ", "(", ")"));

    /** An enabled subscription whose organisation may read an incident. */
    public record Audience(long incidentId, WebhookSubscription subscription) {
    }

    /**
     * Whether any webhook is enabled: a statement with a trivial plan, so that changes in a service where no webhook
     * is registered skip the audience query (whose scope condition costs a raise more to plan than to run).
     */
    public boolean anyEnabled() {
        return (Boolean) getEntityManager().createNativeQuery(
                "select exists (select 1 from webhook_subscription where disabled_at is null)").getSingleResult();
    }

    /**
     * Every enabled subscription that may hear of each of these incidents, as their organisations may read them now
     * (in the transaction of the change, so as the change leaves them), in one query.
     */
    public List<Audience> audience(Collection<Long> incidentIds) {
        return getEntityManager().createQuery("select i.id, s from Incident i, WebhookSubscription s, Organisation o"
                + " where i.id in :ids and s.disabledAt is null and o.odsCode = s.organisation and " + READS_INCIDENT
                + " order by i.id, s.id", Object[].class)
                .setParameter("ids", incidentIds).getResultStream()
                .map(row -> new Audience((Long) row[0], (WebhookSubscription) row[1])).toList();
    }

    /** A page of subscriptions, oldest first: one organisation's, or every one. */
    public List<WebhookSubscription> page(Optional<String> organisation, PageRequest request) {
        return organisation.map(code -> Keyset.byTimeAndId(this::find, "organisation = :organisation",
                Parameters.with("organisation", code), "createdAt", request))
                .orElseGet(() -> Keyset.byTimeAndId(this::find, "true", new Parameters(), "createdAt", request));
    }

    /** The subscription, if it is the organisation's (any organisation's when none is named). */
    public Optional<WebhookSubscription> findFor(long id, Optional<String> organisation) {
        return findByIdOptional(id).filter(s -> organisation.map(s.organisation::equals).orElse(true));
    }

    public long countFor(String organisation) {
        return count("organisation", organisation);
    }

    /** A delivery succeeded: the subscription is failing no more. */
    public void delivered(long id, Instant at) {
        update("failingSince = null, lastDeliveredAt = :at where id = :id", Parameters.with("at", at).and("id", id));
    }

    /**
     * An attempt failed: the subscription has been failing since its first failure after its last success. Returns
     * that instant, or nothing when the subscription is gone or disabled.
     */
    @SuppressWarnings("unchecked")
    public Optional<Instant> failed(long id, Instant at) {
        List<Object> since = getEntityManager().createNativeQuery("""
                with failing as (update webhook_subscription set failing_since = coalesce(failing_since, :at)
                    where id = :id and disabled_at is null returning failing_since)
                select failing_since from failing""", Instant.class)
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(WebhookSubscription.class)
                .setParameter("at", at).setParameter("id", id).getResultList();
        return since.stream().findFirst().map(Instant.class::cast);
    }

    /** Disables the subscription unless something already did; returns whether this call did. */
    public boolean disable(long id, Instant at, String reason) {
        return update("disabledAt = :at, disabledReason = :reason where id = :id and disabledAt is null",
                Parameters.with("at", at).and("reason", reason).and("id", id)) == 1;
    }
}
