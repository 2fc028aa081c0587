package uk.nhs.incidents.notification.data;

import static uk.nhs.incidents.common.database.ArrayParameters.instants;
import static uk.nhs.incidents.common.database.ArrayParameters.texts;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;
import uk.nhs.incidents.common.database.DirectWrites;
import uk.nhs.incidents.common.database.HeldByClaim;
import uk.nhs.incidents.common.database.PlanGuards;
import uk.nhs.incidents.common.paging.Keyset;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.time.Timestamps;

@ApplicationScoped
public class NotificationRepository implements PanacheRepository<Notification> {

    /** The statuses of notifications still to do, as {@link #countOutstanding} counts them. */
    public static final List<Notification.Status> OUTSTANDING = List.of(Notification.Status.PENDING,
            Notification.Status.FAILED);

    /** A row a status, the status a literal so that PostgreSQL counts it from that status's partial index. */
    private static final String COUNT_OUTSTANDING = OUTSTANDING.stream()
            .map(status -> "select '" + status.name() + "', count(*) from notification where status = '"
                    + status.name() + "'")
            .collect(Collectors.joining(" union all "));

    /** The rows of {@link #insertAll}, one array a column, each cast to its column's type. */
    private static final String INSERT_ALL = """
            insert into notification (id, incident_id, history_id, incident_raised_at, event, recipient_ods,
                recipient_contact, recipient_email, subject, message, status, attempts, next_attempt_at, last_error,
                created_at)
            select nextval('notification_seq'), n.incident_id, n.history_id, n.incident_raised_at, n.event,
                n.recipient_ods, n.recipient_contact, n.recipient_email, n.subject, n.message, n.status, 0,
                n.next_attempt_at, n.last_error, n.created_at
            from (select * from unnest(cast(? as bigint[]), cast(? as bigint[]),
                    cast(cast(? as varchar[]) as timestamptz[]),
                    cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[]),
                    cast(? as varchar[]), cast(? as varchar[]),
                    cast(? as varchar[]), cast(? as varchar[]),
                    cast(cast(? as varchar[]) as timestamptz[]), cast(? as varchar[]),
                    cast(cast(? as varchar[]) as timestamptz[])) with ordinality
                    as u (incident_id, history_id, incident_raised_at, event, recipient_ods, recipient_contact,
                        recipient_email, subject, message, status, next_attempt_at, last_error, created_at,
                        position)
                order by position) n""";

    /**
     * Writes new notifications, not yet attempted, in one statement, their ids ascending in the order given (the
     * sequence is read row by row in that order), so a change's ledger lists them as they were written. Each id is a value of the entity's sequence,
     * which Hibernate's pooled ids never overlap: a value taken here is a block no session holds. The notifications
     * stay unmanaged. Instants travel as ISO-8601 text, which carries its offset, so no time zone of the JVM or the
     * session can shift them.
     */
    public void insertAll(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        DirectWrites.execute(getEntityManager(), INSERT_ALL,
                notifications.stream().map(n -> n.incidentId).toArray(Long[]::new),
                notifications.stream().map(n -> n.historyId).toArray(Long[]::new),
                instants(notifications, n -> n.incidentRaisedAt), texts(notifications, n -> n.event),
                texts(notifications, n -> n.recipientOrganisation), texts(notifications, n -> n.recipientContact),
                texts(notifications, n -> n.recipientEmail), texts(notifications, n -> n.subject),
                texts(notifications, n -> n.message), texts(notifications, n -> n.status.name()),
                instants(notifications, n -> n.nextAttemptAt), texts(notifications, n -> n.lastError),
                instants(notifications, n -> n.createdAt));
    }

    /**
     * What a claimed notification needs to be sent: its incident (the thread it belongs to; none for a notice about
     * the organisation itself, such as a disabled webhook), its address (or,
     * without one, what to look it up by), its subject and message, or for a row written before V14 its rendered
     * bodies; how often it was tried, and when it fell due.
     */
    public record Claim(long id, Long incidentId, String recipientEmail, String recipientOrganisation,
            String recipientContact, int attempts, String subject, String message, String bodyText, String bodyHtml,
            Instant writtenAt, Instant incidentRaisedAt, Instant dueAt) {
    }

    /**
     * Claims the pending notifications that are due, in one statement: locks them, skipping rows another dispatcher
     * holds, so concurrent dispatchers never take the same notification, and holds each until {@code leaseEnd}.
     * Read in sending order from the queue's index (V22), however many are due, from the first due at {@code from}
     * (where the dispatcher's {@link uk.nhs.incidents.common.jobs.ClaimFloor} says the last claims left no row; the
     * head's dead entries are not read again): for a transaction of its own.
     */
    @SuppressWarnings("unchecked")
    public List<Claim> claimDue(Instant from, Instant now, Instant leaseEnd, int limit) {
        PlanGuards.queueInIndexOrder(getEntityManager());
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                with due as (select id, next_attempt_at from notification where status = 'PENDING'
                        and next_attempt_at >= :from and next_attempt_at <= :now
                        order by next_attempt_at, id limit :limit for update skip locked),
                    claimed as (update notification n set next_attempt_at = :leaseEnd from due where n.id = due.id
                        returning n.id, n.incident_id, n.recipient_email, n.recipient_ods, n.recipient_contact,
                            n.attempts,
                            n.subject, n.message, n.body_text, n.body_html, n.created_at,
                            n.incident_raised_at, due.next_attempt_at as due_at)
                select c.id, c.incident_id, c.recipient_email, c.recipient_ods, c.recipient_contact, c.attempts,
                    c.subject, c.message, c.body_text, c.body_html, c.created_at,
                    coalesce(c.incident_raised_at, (select i.created_at from incident i where i.id = c.incident_id)),
                    c.due_at
                from claimed c order by c.id""")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(Notification.class)
                .setParameter("from", from).setParameter("now", now).setParameter("leaseEnd", leaseEnd)
                .setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new Claim(((Number) r[0]).longValue(), r[1] == null ? null : ((Number) r[1]).longValue(),
                (String) r[2], (String) r[3], (String) r[4], ((Number) r[5]).intValue(), (String) r[6], (String) r[7],
                (String) r[8], (String) r[9], Timestamps.ofColumn(r[10]), Timestamps.ofColumn(r[11]),
                Timestamps.ofColumn(r[12]))).toList();
    }

    /** A notification the mail server accepted, and when. */
    public record Sent(long id, Instant at) {
    }

    /**
     * Records emails as sent, each with its own time: joined to the arrays of their ids and times, and reached
     * through the primary key alone (see {@link PlanGuards#byPrimaryKeyOnly}). Only those the claim that lapses at
     * {@code :leaseEnd} still holds (see {@link HeldByClaim}). The status is compared as an expression, not as the
     * column, so that the queue's partial index of pending rows is no way in: read whole, it is the backlog. For a
     * transaction that only records.
     */
    public static final String MARK_SENT = """
            update notification n set status = 'SENT', attempts = n.attempts + 1, sent_at = s.at, last_error = null
            from unnest(cast(:ids as bigint[]), cast(cast(:at as varchar[]) as timestamptz[])) as s (id, at)
            where n.id = any(cast(:ids as bigint[])) and n.id = s.id and n.status || '' = 'PENDING'
                and n.next_attempt_at = :leaseEnd""";

    /**
     * Records notifications the mail server accepted, claimed together until {@code leaseEnd}, in one statement;
     * returns how many it recorded. For a transaction that only records.
     */
    public int markSent(List<Sent> sent, Instant leaseEnd) {
        if (sent.isEmpty()) {
            return 0;
        }
        PlanGuards.byPrimaryKeyOnly(getEntityManager());
        return getEntityManager().createNativeQuery(MARK_SENT).unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(Notification.class)
                .setParameter("ids", sent.stream().map(Sent::id).toArray(Long[]::new))
                .setParameter("at", instants(sent, Sent::at))
                .setParameter("leaseEnd", leaseEnd)
                .executeUpdate();
    }

    /**
     * Claimed notifications given back unsent, due again at {@code at}: those still held by the claim that lapses at
     * {@code leaseEnd}, not one another dispatcher has claimed since.
     */
    public void release(List<Long> ids, Instant leaseEnd, Instant at) {
        update("nextAttemptAt = :at where id in :ids and status = :pending and nextAttemptAt = :leaseEnd",
                Parameters.with("at", at).and("ids", ids).and("pending", Notification.Status.PENDING)
                        .and("leaseEnd", leaseEnd));
    }

    /**
     * A failed attempt, to be tried again at {@code retryAt}, recorded only while the claim that lapses at {@code
     * leaseEnd} still holds the notification (see {@link HeldByClaim}); returns whether it was recorded.
     */
    public boolean markRetry(long id, String error, Instant retryAt, Instant leaseEnd) {
        return update("attempts = attempts + 1, lastError = :error, nextAttemptAt = :retryAt where "
                + HeldByClaim.WHERE, held(id, leaseEnd).and("error", error).and("retryAt", retryAt)) == 1;
    }

    /**
     * A notification whose attempt was recorded as failed, to be retried at {@code retryAt}, that the mail server took
     * after all: recorded as sent at {@code at} while no claim has taken it again since (its retry time unchanged);
     * returns whether it was.
     */
    public boolean markSentLate(long id, Instant at, Instant retryAt) {
        return update("status = :sent, sentAt = :at, lastError = null where id = :id and status = :pending"
                + " and nextAttemptAt = :retryAt", Parameters.with("sent", Notification.Status.SENT).and("at", at)
                        .and("id", id).and("pending", Notification.Status.PENDING).and("retryAt", retryAt)) == 1;
    }

    /**
     * A failed attempt that is not tried again unless an admin retries it, recorded only while the claim that lapses
     * at {@code leaseEnd} still holds it; returns whether it was recorded.
     */
    public boolean markFailed(long id, String error, Instant leaseEnd) {
        return update("status = :failed, attempts = attempts + 1, lastError = :error where " + HeldByClaim.WHERE,
                held(id, leaseEnd).and("failed", Notification.Status.FAILED).and("error", error)) == 1;
    }

    /**
     * Records the address a notification written or retried without one is sent to, in the transaction that has just
     * claimed it, so that the ledger shows where it went; returns whether it did. Not when that mailbox already has a
     * notification of the same change (another of the organisation's, say, once its two mailboxes are one): it would
     * be the same email twice.
     */
    public boolean addressedTo(long id, String email) {
        return getEntityManager().createNativeQuery("""
                update notification n set recipient_email = :email where n.id = :id and not exists (
                    select 1 from notification o where o.history_id = n.history_id
                        and lower(o.recipient_email) = lower(:email))""")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(Notification.class)
                .setParameter("email", email).setParameter("id", id).executeUpdate() == 1;
    }

    /**
     * When a retried notification is addressed again as it is sent (its address cleared), and when it keeps the one it
     * was written with: it keeps it where it names no organisation (rows from before V10), where it is meant for a
     * Clinical Safety Officer whose organisation has no CSO mailbox now (its wording asks the incident mailbox to pass
     * it on, or not, as the mailboxes were when it was written: it goes to no other incident mailbox than its own), or
     * where another row of the same change is meant for the same organisation's same mailbox (which its own address
     * then told apart). A CSO's goes to the CSO mailbox registered now, put right since it refused the email.
     */
    private static final String READDRESSABLE = """
            n.recipient_ods is not null and (n.recipient_contact = 'INCIDENT' or n.recipient_contact = 'CSO'
                and exists (select 1 from organisation r where r.ods_code = n.recipient_ods
                    and r.cso_mailbox is not null)) and not exists (
                select 1 from notification o where o.history_id = n.history_id and o.recipient_ods = n.recipient_ods
                    and o.recipient_contact = n.recipient_contact and o.id <> n.id)""";

    /** Whether a retry addresses this notification again as it is sent (see {@link #READDRESSABLE}). */
    public boolean readdressable(Notification notification) {
        return !getEntityManager().createNativeQuery("select 1 from notification n where n.id = :id and "
                + READDRESSABLE).setParameter("id", notification.id).getResultList().isEmpty();
    }

    /** Puts every failed notification back in the queue, due {@code now}, readdressable ones without their address. */
    public int retryAllFailed(Instant now) {
        return getEntityManager().createNativeQuery("update notification n set status = 'PENDING', attempts = 0,"
                + " next_attempt_at = :now, recipient_email = case when " + READDRESSABLE
                + " then null else n.recipient_email end where n.status = 'FAILED'").unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(Notification.class).setParameter("now", now).executeUpdate();
    }

    private static Parameters held(long id, Instant leaseEnd) {
        return HeldByClaim.parameters(id, Notification.Status.PENDING, leaseEnd);
    }

    /** A page of the notifications about an incident, oldest first. */
    public List<Notification> forIncident(long incidentId, PageRequest request) {
        return Keyset.byTimeAndId(this::find, "incidentId = :incident", Parameters.with("incident", incidentId),
                "createdAt", request);
    }

    /**
     * How many notifications are still to do: pending (to be sent or retried) and failed (for an admin to retry),
     * each counted from its partial index, so the cost follows the backlog, not every email ever sent.
     */
    @SuppressWarnings("unchecked")
    public Map<Notification.Status, Long> countOutstanding() {
        Map<Notification.Status, Long> outstanding = new EnumMap<>(Notification.Status.class);
        for (Object[] row : (List<Object[]>) getEntityManager().createNativeQuery(COUNT_OUTSTANDING).getResultList()) {
            outstanding.put(Notification.Status.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        return outstanding;
    }
}
