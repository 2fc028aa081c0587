package uk.nhs.incidents.webhook.data;

import static uk.nhs.incidents.common.database.ArrayParameters.instants;
import static uk.nhs.incidents.common.database.ArrayParameters.texts;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;
import uk.nhs.incidents.common.database.DirectWrites;
import uk.nhs.incidents.common.database.HeldByClaim;
import uk.nhs.incidents.common.database.PlanGuards;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.webhook.domain.DeliveryStatus;

@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepository<WebhookDelivery> {

    /**
     * Takes the next {@code counts} event numbers of each incident, in one statement, and returns each incident's
     * last. The row of each incident stays locked until the change commits, so numbers become visible in the order
     * they were taken; incidents are taken in id order, the order every change locks them in.
     */
    @SuppressWarnings("unchecked")
    public Map<Long, Long> takeSequences(SortedMap<Long, Integer> counts) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                with taken as (insert into webhook_incident_sequence (incident_id, last_sequence)
                    select u.incident_id, u.count
                    from unnest(cast(:incidents as bigint[]), cast(:counts as bigint[])) with ordinality
                        as u (incident_id, count, position)
                    order by u.position
                    on conflict (incident_id) do update
                        set last_sequence = webhook_incident_sequence.last_sequence + excluded.last_sequence
                    returning incident_id, last_sequence)
                select incident_id, last_sequence from taken""")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("webhook_incident_sequence")
                .setParameter("incidents", counts.keySet().toArray(Long[]::new))
                .setParameter("counts", counts.values().stream().map(Integer::longValue).toArray(Long[]::new))
                .getResultList();
        return rows.stream().collect(Collectors.toMap(r -> ((Number) r[0]).longValue(),
                r -> ((Number) r[1]).longValue()));
    }

    /** The rows of {@link #insertAll}, one array a column, each cast to its column's type. */
    private static final String INSERT_ALL = """
            insert into webhook_delivery (id, subscription_id, incident_id, history_id, event, sequence, payload,
                status, attempts, next_attempt_at, created_at)
            select nextval('webhook_delivery_seq'), d.subscription_id, d.incident_id, d.history_id, d.event,
                d.sequence, d.payload, 'PENDING', 0, d.created_at, d.created_at
            from (select * from unnest(cast(? as bigint[]), cast(? as bigint[]),
                    cast(? as bigint[]), cast(? as varchar[]), cast(? as bigint[]),
                    cast(? as text[]), cast(cast(? as varchar[]) as timestamptz[])) with ordinality
                    as u (subscription_id, incident_id, history_id, event, sequence, payload, created_at, position)
                order by position) d
            where exists (select 1 from webhook_subscription s
                where s.id = d.subscription_id and s.disabled_at is null for key share)""";

    /**
     * Writes new deliveries, due now, in one statement; ids from the entity's sequence row by row, which Hibernate's
     * pooled ids never overlap. The deliveries stay unmanaged. Instants travel as ISO-8601 text. Only those to
     * subscriptions still enabled are written: the caller chose them from a cached list, which may not yet know of a
     * removal or a disabling made elsewhere (a removed one would otherwise fail the change on its foreign key). Each
     * subscription is checked {@code FOR KEY SHARE}, the lock the foreign key's check takes next anyway: a removal
     * under way is waited for and its subscription then left out, where a plain check let the insert through and the
     * foreign key then failed the whole change once the removal committed. A disabling is not waited for: the claim
     * skips a disabled subscription's deliveries, as it does those written before it was disabled.
     */
    public void insertAll(List<WebhookDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        DirectWrites.execute(getEntityManager(), INSERT_ALL,
                deliveries.stream().map(d -> d.subscriptionId).toArray(Long[]::new),
                deliveries.stream().map(d -> d.incidentId).toArray(Long[]::new),
                deliveries.stream().map(d -> d.historyId).toArray(Long[]::new), texts(deliveries, d -> d.event),
                deliveries.stream().map(d -> d.sequence).toArray(Long[]::new), texts(deliveries, d -> d.payload),
                instants(deliveries, d -> d.createdAt));
    }

    /**
     * A claimed delivery with what sending it takes: its subscription's target and sealed secrets, and its body; and
     * whether a later event of its incident waits behind it for the same subscription ({@code followed}).
     */
    public record Claim(long id, long subscriptionId, String organisation, String url, String secret,
            String previousSecret, Instant previousSecretExpiresAt, String payload, int attempts, boolean followed) {

        /** The same claim, signed with other secrets (a rotation made since it was claimed). */
        public Claim withSecrets(String current, String previous, Instant previousExpiresAt) {
            return new Claim(id, subscriptionId, organisation, url, current, previous, previousExpiresAt, payload,
                    attempts, followed);
        }
    }

    /**
     * A subscription's ({@code s}) due deliveries, each the first still pending of its incident, in sending order.
     * Whether a delivery is first is looked up by its own incident (a subquery of its row); a join on the
     * subscription would let the planner, misled by statistics older than a burst, read every pending delivery of the
     * subscription for each one (4,791 rows each: 60 ms a claim). The look-up names the subscription as
     * {@code subscription_id + 0}, the expression the queue index (V28) is keyed by, so that no other index of the
     * subscription can answer it: on a table never analysed the planner estimates each of them at one row and nearly
     * the same cost, and took one that holds every pending, or every, delivery of the subscription.
     */
    private static final String DUE_HEADS = """
            select d.id, d.next_attempt_at from webhook_delivery d
                where d.subscription_id = s.id and d.status = 'PENDING' and d.next_attempt_at <= :now
                    and d.sequence = (select e.sequence from webhook_delivery e
                        where e.subscription_id + 0 = d.subscription_id and e.incident_id = d.incident_id
                            and e.status = 'PENDING' order by e.sequence limit 1)
                order by d.next_attempt_at, d.id""";

    /** The claim of {@link #claimDue}, its parameters named. */
    public static final String CLAIM_DUE = """
            with firsts as (
                select s.id, h.next_attempt_at from webhook_subscription s
                cross join lateral (%1$s limit 1) h
                where s.disabled_at is null and s.id <> all (cast(:busy as bigint[]))
                    and (cardinality(cast(:only as bigint[])) = 0 or s.id = any (cast(:only as bigint[])))
                order by h.next_attempt_at, s.id limit :subscriptions),
            due as (
                select h.id from firsts s
                cross join lateral (%1$s limit :perSubscription for update of d skip locked) h),
            claimed as (update webhook_delivery d set next_attempt_at = :leaseEnd from due where d.id = due.id
                returning d.id, d.subscription_id, d.incident_id, d.sequence, d.payload, d.attempts)
            select c.id, c.subscription_id, s.organisation, s.url, s.secret, s.previous_secret,
                s.previous_secret_expires_at, c.payload, c.attempts,
                exists (select 1 from webhook_delivery e where e.subscription_id + 0 = c.subscription_id
                    and e.incident_id = c.incident_id and e.status = 'PENDING' and e.sequence > c.sequence)
            from claimed c join webhook_subscription s on s.id = c.subscription_id
            order by c.subscription_id, c.id""".formatted(DUE_HEADS);

    /**
     * Claims due deliveries in one statement: for at most {@code subscriptions} enabled subscriptions not among
     * {@code busy}, those that waited longest, at most {@code perSubscription} each; and of each incident only its
     * first pending delivery, so that no event overtakes an earlier one of its incident, whether that one waits for
     * a retry or is held by another dispatcher. Locks them, skipping rows another dispatcher holds (the conditions
     * are checked again on the locked row), and holds each until {@code leaseEnd}. Each subscription's queue is read
     * in sending order from its index (V22) only as far as the rows taken, and the deliveries waiting behind an
     * earlier one of their incident that waits for a retry: a claim does not grow with the backlog of a receiver
     * that keeps up. Each claim says whether a later event of its incident waits behind it, by one probe of the
     * queue index (V28). For a transaction of its own (see {@link PlanGuards#queueInIndexOrder}).
     */
    public List<Claim> claimDue(Instant now, Instant leaseEnd, Collection<Long> busy, int subscriptions,
            int perSubscription) {
        return claim(now, leaseEnd, busy.toArray(Long[]::new), new Long[0], subscriptions, perSubscription);
    }

    /** As {@link #claimDue}, for one subscription: the next batch of a sender already at work on it. */
    public List<Claim> claimDueFor(long subscription, Instant now, Instant leaseEnd, int perSubscription) {
        return claim(now, leaseEnd, new Long[0], new Long[] {subscription}, 1, perSubscription);
    }

    @SuppressWarnings("unchecked")
    private List<Claim> claim(Instant now, Instant leaseEnd, Long[] busy, Long[] only, int subscriptions,
            int perSubscription) {
        PlanGuards.queueInIndexOrder(getEntityManager());
        List<Object[]> rows = getEntityManager().createNativeQuery(CLAIM_DUE)
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(WebhookDelivery.class)
                .setParameter("now", now).setParameter("leaseEnd", leaseEnd)
                .setParameter("busy", busy).setParameter("only", only).setParameter("subscriptions", subscriptions)
                .setParameter("perSubscription", perSubscription)
                .getResultList();
        return rows.stream().map(r -> new Claim(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], Timestamps.ofColumn(r[6]), (String) r[7],
                ((Number) r[8]).intValue(), (Boolean) r[9])).toList();
    }

    /** A delivery the receiver accepted: when, and with which status. */
    public record Delivered(long id, Instant at, int status) {
    }

    /**
     * Records deliveries as delivered, each with its own time and status: joined to the arrays of their ids, times
     * and statuses, and reached through the primary key alone (see {@link PlanGuards#byPrimaryKeyOnly}). Only a
     * delivery still pending and held by the claim that lapses at {@code :leaseEnd} is recorded: one given up
     * meanwhile (its subscription disabled by an earlier delivery of the same batch) stays as it was given up, and
     * one a later claim holds stays that claim's (see {@link HeldByClaim}). The status is compared as an expression,
     * not as the column, so that the queue's partial indexes of pending deliveries (V22, V28) are no way in: read
     * whole, as the planner would on statistics that make them look small, they are the backlog.
     */
    public static final String MARK_DELIVERED = """
            update webhook_delivery d set status = 'DELIVERED', attempts = d.attempts + 1, last_attempt_at = s.at,
                delivered_at = s.at, last_status = s.status, last_error = null
            from unnest(cast(:ids as bigint[]), cast(cast(:at as varchar[]) as timestamptz[]),
                cast(:statuses as int[])) as s (id, at, status)
            where d.id = any(cast(:ids as bigint[])) and d.id = s.id and d.status || '' = 'PENDING'
                and d.next_attempt_at = :leaseEnd""";

    /**
     * Records deliveries the receivers accepted, claimed together until {@code leaseEnd}, in one statement; returns
     * how many it recorded. For a transaction that only records.
     */
    public int markDelivered(List<Delivered> delivered, Instant leaseEnd) {
        if (delivered.isEmpty()) {
            return 0;
        }
        PlanGuards.byPrimaryKeyOnly(getEntityManager());
        return getEntityManager().createNativeQuery(MARK_DELIVERED).unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(WebhookDelivery.class)
                .setParameter("ids", delivered.stream().map(Delivered::id).toArray(Long[]::new))
                .setParameter("at", instants(delivered, Delivered::at))
                .setParameter("statuses", delivered.stream().map(Delivered::status).toArray(Integer[]::new))
                .setParameter("leaseEnd", leaseEnd)
                .executeUpdate();
    }

    /**
     * A failed attempt, to be tried again at {@code retryAt}, recorded only while the claim that lapses at {@code
     * leaseEnd} still holds the delivery (see {@link HeldByClaim}); returns whether it was recorded.
     */
    public boolean markRetry(long id, Instant at, Integer status, String error, Instant retryAt, Instant leaseEnd) {
        return update("attempts = attempts + 1, lastAttemptAt = :at, lastStatus = :code, lastError = :error,"
                + " nextAttemptAt = :retryAt where " + HeldByClaim.WHERE, held(id, leaseEnd).and("at", at)
                .and("code", status).and("error", error).and("retryAt", retryAt)) == 1;
    }

    /**
     * A failed attempt after which the delivery is given up, recorded only while the claim that lapses at {@code
     * leaseEnd} still holds it; returns whether it was recorded.
     */
    public boolean markFailed(long id, Instant at, Integer status, String error, Instant leaseEnd) {
        return update("status = :failed, attempts = attempts + 1, lastAttemptAt = :at, lastStatus = :code,"
                + " lastError = :error where " + HeldByClaim.WHERE, held(id, leaseEnd)
                .and("failed", DeliveryStatus.FAILED).and("at", at).and("code", status).and("error", error)) == 1;
    }

    private static Parameters held(long id, Instant leaseEnd) {
        return HeldByClaim.parameters(id, DeliveryStatus.PENDING, leaseEnd);
    }

    /**
     * Claimed deliveries not attempted, due again at {@code at}: those still held by the claim that lapses at
     * {@code leaseEnd}, not one another dispatcher has claimed since.
     */
    public void release(Collection<Long> ids, Instant leaseEnd, Instant at) {
        if (!ids.isEmpty()) {
            update("nextAttemptAt = :at where id in :ids and status = :status and nextAttemptAt = :leaseEnd",
                    Parameters.with("at", at).and("ids", ids).and("status", DeliveryStatus.PENDING)
                            .and("leaseEnd", leaseEnd));
        }
    }

    /**
     * Gives up every pending delivery of a subscription, with the reason where it has none of its own: one already
     * attempted keeps the receiver's failure, the error its subscriber needs.
     */
    public int failPending(long subscriptionId, String reason) {
        return update("status = :failed, lastError = coalesce(lastError, :reason) where subscriptionId = :subscription"
                + " and status = :pending",
                Parameters.with("failed", DeliveryStatus.FAILED).and("reason", reason)
                        .and("subscription", subscriptionId).and("pending", DeliveryStatus.PENDING));
    }

    /**
     * Gives up, with the reason where they have none of their own, the pending deliveries of the subscriptions
     * disabled since {@code disabledSince}: those a change wrote while its subscription was being disabled, which the
     * disabling's own {@link #failPending} did not see (an insert checks the subscription without waiting for a
     * disabling under way). Each subscription's row is taken before its deliveries, as everywhere
     * ({@link WebhookSubscriptionRepository#lockBeforeDeliveries}); one another transaction holds is left to the next
     * call, and only one with a pending delivery is taken at all. Its pending ones are found by its pending index.
     */
    public int failPendingOfDisabled(Instant disabledSince, String reason) {
        return getEntityManager().createNativeQuery("""
                with disabled as (select s.id from webhook_subscription s where s.disabled_at >= :since
                    and exists (select 1 from webhook_delivery p where p.subscription_id = s.id
                        and p.status = 'PENDING')
                    for no key update skip locked)
                update webhook_delivery d set status = 'FAILED', last_error = coalesce(d.last_error, :reason)
                from disabled s where d.subscription_id = s.id and d.status = 'PENDING'""")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(WebhookDelivery.class)
                .setParameter("reason", reason).setParameter("since", disabledSince).executeUpdate();
    }

    /** A page of a subscription's deliveries, oldest first. */
    public List<WebhookDelivery> forSubscription(long subscriptionId, PageRequest request) {
        return Keyset.byTimeAndId(this::find, "subscriptionId = :subscription",
                Parameters.with("subscription", subscriptionId), "createdAt", request);
    }
}
