package uk.nhs.incidents.webhook.data;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.query.NativeQuery;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.webhook.domain.EventSelection;

@ApplicationScoped
public class WebhookSubscriptionRepository implements PanacheRepository<WebhookSubscription> {

    /**
     * Every enabled subscription, in one statement whose plan is trivial, for the webhooks' cache
     * ({@code Listeners}): which of them hear of a change is decided in memory ({@link Listener#reads}).
     */
    @SuppressWarnings("unchecked")
    public List<Subscribed> enabled() {
        return getEntityManager().createQuery("select s.id, s.organisation, s.events, s.secret, s.previousSecret,"
                + " s.previousSecretExpiresAt from WebhookSubscription s where s.disabledAt is null order by s.id",
                Object[].class).getResultStream()
                .map(row -> new Subscribed((Long) row[0], (String) row[1], EventSelection.of((List<String>) row[2]),
                        (String) row[3], (String) row[4], (Instant) row[5]))
                .toList();
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

    /**
     * Holds the organisation's row until the transaction ends, so that registrations for one organisation count its
     * webhooks one after another and the limit holds against concurrent ones (a lock that reads and foreign-key
     * checks pass).
     */
    public void lockOrganisation(String organisation) {
        getEntityManager().createNativeQuery("select 1 from organisation where ods_code = :code for no key update")
                .setParameter("code", organisation).getResultList();
    }

    /**
     * Holds the subscription's row until the transaction ends; returns whether it is still there. Whatever writes a
     * subscription's deliveries and its row takes the row first: its removal does (the row, then its deliveries by
     * the cascade), and a transaction taking them the other way round could deadlock with it, PostgreSQL then ending
     * one of the two.
     */
    public boolean lockBeforeDeliveries(long id) {
        return !getEntityManager().createNativeQuery("select 1 from webhook_subscription where id = :id"
                + " for no key update").setParameter("id", id).getResultList().isEmpty();
    }

    /** As {@link #lockBeforeDeliveries}, then the subscription read again as the lock found it. */
    public boolean lockAndReadAgain(WebhookSubscription subscription) {
        if (!lockBeforeDeliveries(subscription.id)) {
            return false;
        }
        getEntityManager().refresh(subscription);
        return true;
    }

    public long countFor(String organisation) {
        return count("organisation", organisation);
    }

    /**
     * A delivery succeeded at {@code at}: the subscription is failing no more, unless it failed after that. A success
     * recorded late (the database stopped answering as it was first recorded) neither moves the last success back
     * nor clears a failure since, which the disabling of a webhook counts from.
     */
    public void delivered(long id, Instant at) {
        update("failingSince = case when lastFailedAt > :at then failingSince else null end,"
                + " lastDeliveredAt = greatest(coalesce(lastDeliveredAt, :at), :at) where id = :id",
                Parameters.with("at", at).and("id", id));
    }

    /**
     * An attempt failed: the subscription has been failing since its first failure after its last success, unless
     * its previous failure came before {@code quietSince} (or is not known): it then fails from now, as nothing was
     * tried in between. Returns that instant, or nothing when the subscription is gone or disabled.
     */
    @SuppressWarnings("unchecked")
    public Optional<Instant> failed(long id, Instant at, Instant quietSince) {
        List<Object> since = getEntityManager().createNativeQuery("""
                with failing as (update webhook_subscription
                    set failing_since = case when last_failed_at >= :quietSince then coalesce(failing_since, :at)
                        else :at end,
                        last_failed_at = :at
                    where id = :id and disabled_at is null returning failing_since)
                select failing_since from failing""", Instant.class)
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(WebhookSubscription.class)
                .setParameter("at", at).setParameter("quietSince", quietSince).setParameter("id", id)
                .getResultList();
        return since.stream().findFirst().map(Instant.class::cast);
    }

    /** Disables the subscription unless something already did; returns whether this call did. */
    public boolean disable(long id, Instant at, String reason) {
        return update("disabledAt = :at, disabledReason = :reason where id = :id and disabledAt is null",
                Parameters.with("at", at).and("reason", reason).and("id", id)) == 1;
    }
}
