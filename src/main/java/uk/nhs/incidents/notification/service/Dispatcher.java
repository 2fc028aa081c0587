package uk.nhs.incidents.notification.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.database.QuietDuringOutage;
import uk.nhs.incidents.common.jobs.Batches;
import uk.nhs.incidents.common.jobs.ClaimFloor;
import uk.nhs.incidents.common.jobs.ClaimLease;
import uk.nhs.incidents.common.jobs.JobGate;
import uk.nhs.incidents.common.jobs.JobGates;
import uk.nhs.incidents.common.jobs.LateRecords;
import uk.nhs.incidents.common.jobs.RecordedTogether;
import uk.nhs.incidents.common.jobs.RunPace;
import uk.nhs.incidents.common.lang.Causes;
import uk.nhs.incidents.common.logging.LogText;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.notification.data.Notification;
import uk.nhs.incidents.notification.data.NotificationRepository;
import uk.nhs.incidents.notification.data.NotificationRepository.Claim;
import uk.nhs.incidents.notification.data.NotificationRepository.Sent;
import uk.nhs.incidents.notification.domain.MailHtml;
import uk.nhs.incidents.notification.domain.MailSubject;
import uk.nhs.incidents.notification.domain.MailThread;
import uk.nhs.incidents.party.data.OrganisationRepository;

/**
 * Sends due notifications, never inside the transaction of the change that wrote them, rendering each from what its row
 * says. Batches are claimed with SKIP LOCKED, so any number of dispatchers run side by side without sending one twice;
 * no transaction is open while the mail server is talked to; a failed send is retried with exponential backoff and
 * jitter, then marked failed for an admin to retry; one that retrying cannot cure is marked failed at once. Each claim
 * is one statement, reading the queue from where the claims before left off ({@link ClaimFloor}), each failure one, and
 * the sends a batch got through are recorded together (at least every {@code record-every}); each writes only the
 * columns it changes. A scheduled run sends one email at a time while it keeps up, leaving the cores to requests, and
 * once it has lasted {@code unhurried-for} (a second, as long as the runs' interval) several at once ({@code
 * concurrency}), beside any email the mail server still holds up, so that no round trip to it is waited out before the
 * next email starts: sent one by one throughout, a dispatcher starved of CPU by a burst of requests fell minutes
 * behind. When the service stops, the batch in progress starts no more emails, records those the mail server took and
 * hands the rest back to be sent at once by another instance.
 */
@ApplicationScoped
@Startup
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final NotificationRepository notifications;
    private final OrganisationRepository organisations;
    private final MessageComposer composer;
    private final MailThread thread;
    private final MailSender mailer;
    private final NotificationConfig config;
    private final Clock clock;
    private final Counter sentCount;
    private final JobGate gate;
    private final ClaimFloor floor;
    private final ClaimLease lease;
    private final LateRecords late = new LateRecords("The email dispatcher");
    private final Executor workers;

    Dispatcher(NotificationRepository notifications, OrganisationRepository organisations, MessageComposer composer,
            MailThread thread, MailSender mailer, NotificationConfig config, Clock clock, MeterRegistry registry,
            JobGates gates, ManagedExecutor workers) {
        this.workers = workers;
        this.notifications = notifications;
        this.organisations = organisations;
        this.composer = composer;
        this.thread = thread;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
        this.sentCount = Counter.builder("incidents.notifications.sent")
                .description("Emails the mail server accepted, counted as their sending is recorded")
                .register(registry);
        this.gate = gates.openSending("the email dispatcher", config.sendTimeout(), late, clock);
        this.floor = new ClaimFloor(config.claimOverlap(), config.fullClaimEvery());
        this.lease = ClaimLease.of("incidents.notifications.claim-lease", config.claimLease(),
                "send-timeout plus record-every", config.sendTimeout().plus(config.recordEvery()));
    }

    /**
     * Dispatches batch after batch while they come back full, one email at a time until the run has lasted
     * {@code unhurried-for}, then {@code concurrency} at once ({@link RunPace}).
     */
    @QuietDuringOutage
    @Scheduled(identity = "notification-dispatch", every = "${incidents.notifications.dispatch-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        RunPace pace = RunPace.starting(config.unhurriedFor(), config.concurrency());
        gate.run(() -> Batches.untilShort(() -> dispatchBatch(pace), config.batchSize()));
    }

    /**
     * Claims one batch of due notifications in a short transaction and sends them outside any transaction, up to
     * {@code concurrency} at once (a scheduled run's batches as its {@link RunPace} allows); records each failure in
     * a transaction of its own and the sends together (one commit a batch, not one an email); returns how many it
     * claimed. A claim holds a notification for {@code incidents.notifications.claim-lease}, so a dispatcher that
     * dies mid-batch delays its notifications but loses none. Once the service is stopping it starts no more, waits
     * for those under way and hands the rest back.
     */
    public int dispatchBatch() {
        return dispatchBatch(RunPace.hurried(config.concurrency()));
    }

    private int dispatchBatch(RunPace pace) {
        if (gate.closed()) {
            return 0;
        }
        late.retry(Timestamps.now(clock));
        Instant now = Timestamps.now(clock);
        Optional<Instant> from = floor.from(now);
        Batch batch = QuarkusTransaction.requiringNew().call(() -> claim(from.orElse(Instant.EPOCH), now));
        // Once committed: a claim rolled back took nothing.
        floor.claimed(now, from.isEmpty(), batch.taken().size() >= config.batchSize(),
                batch.taken().stream().map(Claim::dueAt).min(Comparator.naturalOrder()));
        List<Claimed> claimed = batch.toSend();
        RecordedTogether<Sent> sent = new RecordedTogether<>(config.recordEvery(),
                emails -> recordSent(emails, batch.leaseEnd()));
        List<Sending> underWay = new ArrayList<>();
        int started = 0;
        boolean recorded = true;
        for (Claimed each : claimed) {
            recorded &= settleUntilAtMost(() -> pace.atOnce() - 1, underWay, pace, sent);
            if (!recorded || gate.closed() || lease.tooLateToStart(Timestamps.now(clock), each.leaseEnd())) {
                break;
            }
            underWay.add(new Sending(each, send(each)));
            started++;
        }
        recorded &= settleUntilAtMost(() -> 0, underWay, pace, sent);
        recorded &= recording(sent::flush);
        if (started < claimed.size()) {
            handBack(claimed.subList(started, claimed.size()));
        }
        // All it took, those failed for want of a mailbox too: a full claim may have left more due.
        return recorded ? batch.taken().size() : 0;
    }

    /** An email under way: its notification, and what completes once the mail server took it. */
    private record Sending(Claimed claimed, CompletableFuture<Void> taken) {
    }

    /**
     * Waits until at most {@code most} emails are under way (room for the next, or none left at the batch's end),
     * settling each the mail server has answered in whatever order it answers: one it holds up (a relay slow to
     * answer, up to {@code send-timeout}) holds back neither the next email's start nor the others' recording. While
     * the run is unhurried it waits only until the run is behind, which leaves room for the next beside a held-up
     * one. Returns whether recording worked.
     */
    private boolean settleUntilAtMost(IntSupplier most, List<Sending> underWay, RunPace pace,
            RecordedTogether<Sent> sent) {
        boolean recorded = true;
        while (underWay.size() > most.getAsInt()) {
            Instant now = Timestamps.now(clock);
            recorded &= recording(() -> sent.flushIfDue(now));
            awaitAnswer(underWay, atMost(pace.untilHurried(), sent.dueIn(now)));
            Iterator<Sending> each = underWay.iterator();
            while (each.hasNext()) {
                Sending sending = each.next();
                if (sending.taken().isDone()) {
                    each.remove();
                    recorded &= settle(sending, sent);
                }
            }
        }
        return recorded;
    }

    /**
     * How long to wait for an answer: until the run is behind ({@code untilHurried}, zero for no limit), and no
     * longer than until the sends kept are due to be recorded (never now: those due are recorded first), so that an
     * email the server holds up (up to {@code send-timeout}) leaves those it took unrecorded for no longer than
     * {@code record-every}.
     */
    private static Duration atMost(Duration untilHurried, Optional<Duration> recordDue) {
        return recordDue.filter(due -> untilHurried.isZero() || due.compareTo(untilHurried) < 0).orElse(untilHurried);
    }

    /**
     * Waits for any email under way to be answered, taken or failed, for at most {@code atMost} unless that is zero.
     * An interrupt does not cut it short, which would only send the caller round again: the service stops through
     * its gate.
     */
    private static void awaitAnswer(List<Sending> underWay, Duration atMost) {
        CompletableFuture<Object> answered = CompletableFuture.anyOf(
                underWay.stream().map(Sending::taken).toArray(CompletableFuture[]::new))
                .handle((taken, failure) -> null);
        if (!atMost.isZero()) {
            answered.completeOnTimeout(null, atMost.toNanos(), TimeUnit.NANOSECONDS);
        }
        answered.join();
    }

    /**
     * An email the mail server has answered: keeps its send to record with the others, or records its failure now.
     * Returns whether recording worked.
     */
    private boolean settle(Sending sending, RecordedTogether<Sent> sent) {
        try {
            sending.taken().join();
        } catch (CompletionException e) {
            Failure failure = new Failure(LogText.rootCause(e, 2000), isPermanent(e));
            return recording(() -> QuarkusTransaction.requiringNew().call(() -> recordFailure(sending.claimed(),
                    failure)).ifPresent(retryAt -> Causes.of(e).filter(MailSender.GivenUp.class::isInstance)
                            .findFirst().ifPresent(givenUp -> recordIfTakenLate(sending.claimed(),
                                    (MailSender.GivenUp) givenUp, retryAt))));
        }
        Instant at = Timestamps.now(clock);
        return recording(() -> sent.add(new Sent(sending.claimed().claim().id(), at), at));
    }

    /**
     * Records, or logs why it could not (the database, most likely); returns whether it recorded. A batch that cannot
     * record starts no more emails and hands the rest back. The emails it sent are recorded by a later batch once the
     * database answers ({@link LateRecords}); only those still unrecorded when their claim lapses go again, under the
     * same Message-ID.
     */
    private static boolean recording(Runnable record) {
        try {
            record.run();
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("Recording what the mail server said failed; emails it took are recorded once the database "
                    + "answers, or sent again if their claim lapses first: %s", LogText.rootCause(e, 500));
            return false;
        }
    }

    /**
     * Claimed notifications left unsent (the service is stopping, the batch could not record, or its claim would lapse
     * before another could be sent and recorded), due again at once rather than when the claim lapses; a release
     * that fails is made by a later batch once the database answers, or left to the claim's lapse, which sends them
     * too.
     */
    private void handBack(List<Claimed> unsent) {
        List<Long> ids = unsent.stream().map(each -> each.claim().id()).toList();
        Instant leaseEnd = unsent.get(0).leaseEnd();
        try {
            late.record("emails handed back unsent", ids.size(), leaseEnd, () -> QuarkusTransaction.requiringNew()
                    .run(() -> notifications.release(ids, leaseEnd, Timestamps.now(clock))));
        } catch (RuntimeException e) {
            LOG.warnf("%d claimed notifications not sent are handed back once the database answers, or due again once"
                    + " their claim lapses: %s", ids.size(),
                    LogText.rootCause(e, 500));
        }
    }

    /**
     * Records the sends, or keeps them to record on the next batches while their claim holds; counts those recorded,
     * not those a later claim holds and will count.
     */
    private void recordSent(List<Sent> emails, Instant leaseEnd) {
        late.record("emails sent", emails.size(), leaseEnd, () -> sentCount.increment(
                QuarkusTransaction.requiringNew().call(() -> notifications.markSent(emails, leaseEnd))));
    }

    /**
     * A claimed notification, the address it goes to and when its claim lapses, copied out of the transaction that
     * claimed it.
     */
    private record Claimed(Claim claim, String to, Instant leaseEnd) {
    }

    /** What a claim took, and those of them to send, with their addresses; the claim holds them until leaseEnd. */
    private record Batch(List<Claim> taken, List<Claimed> toSend, Instant leaseEnd) {
    }

    /**
     * Claims in one statement, reading the queue from {@code from}, where the claims before left no due
     * notification ({@link ClaimFloor}); one whose organisation still has no mailbox is failed at once, with the
     * reason.
     */
    private Batch claim(Instant from, Instant now) {
        Instant leaseEnd = lease.endFrom(now);
        List<Claim> taken = notifications.claimDue(from, now, leaseEnd, config.batchSize());
        List<Claimed> toSend = new ArrayList<>();
        for (Claim claim : taken) {
            address(claim, leaseEnd).ifPresent(to -> toSend.add(new Claimed(claim, to, leaseEnd)));
        }
        return new Batch(taken, toSend, leaseEnd);
    }

    /**
     * Where to send: the address written with the notification, or, for one written without (its organisation had
     * no usable mailbox) or retried by an admin (the mailbox that refused it may have been put right since), the
     * organisation's mailbox as it is registered now, recorded on the row. Empty when the row is failed instead: its
     * organisation still has no mailbox, or that mailbox already had this change's email.
     */
    private Optional<String> address(Claim claim, Instant leaseEnd) {
        if (claim.recipientEmail() != null) {
            return Optional.of(claim.recipientEmail());
        }
        Optional<String> registered = organisations.findByIdOptional(claim.recipientOrganisation()).map(o -> "CSO"
                .equals(claim.recipientContact()) && o.csoMailbox != null ? o.csoMailbox : o.incidentMailbox);
        if (registered.isEmpty()) {
            notifications.markFailed(claim.id(), Notification.NO_MAILBOX + claim.recipientOrganisation(), leaseEnd);
        } else if (!notifications.addressedTo(claim.id(), registered.get())) {
            notifications.markFailed(claim.id(), "Not sent: " + registered.get() + " already had this change's email",
                    leaseEnd);
            return Optional.empty();
        }
        return registered;
    }

    /** Why a send failed, and whether sending again could cure it. */
    private record Failure(String cause, boolean permanent) {
    }

    /** Starts sending one email; a message that cannot be built fails at once. */
    private CompletableFuture<Void> send(Claimed claimed) {
        try {
            return mailer.send(mail(claimed));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The email, rendered now from what the row says (a row written before V14 was rendered when written), in its
     * incident's thread.
     */
    private MailMessage mail(Claimed claimed) {
        Claim claim = claimed.claim();
        MessageComposer.Rendered bodies = claim.message() == null
                ? new MessageComposer.Rendered(claim.bodyText(), claim.bodyHtml())
                : composer.render(Message.of(claim.message()));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        thread.headers(claim.id(), Optional.ofNullable(claim.incidentId()).map(incident -> new MailThread.About(
                incident, claim.incidentRaisedAt(), claim.writtenAt()))).forEach(headers::add);
        return new MailMessage().setTo(claimed.to()).setSubject(MailSubject.of(claim.subject()))
                .setText(bodies.text()).setHtml(MailHtml.of(bodies.html())).setHeaders(headers);
    }

    /**
     * A failed attempt, in one statement; the claim's lease keeps its count of attempts current. One a later claim
     * holds meanwhile is that claim's to record, and this failure is only logged. Returns when it is to be retried,
     * where a retry was recorded.
     */
    private Optional<Instant> recordFailure(Claimed claimed, Failure failure) {
        long id = claimed.claim().id();
        int attempts = claimed.claim().attempts() + 1;
        String to = LogText.of(claimed.to());
        if (failure.permanent() || attempts >= config.maxAttempts()) {
            if (notifications.markFailed(id, failure.cause(), claimed.leaseEnd())) {
                LOG.errorf("Notification %d to %s failed %s and is given up: %s", id, to,
                        failure.permanent() ? "in a way retrying cannot cure" : attempts + " times", failure.cause());
                return Optional.empty();
            }
        } else {
            Instant retryAt = Timestamps.now(clock).plus(Backoff.after(attempts, config.initialBackoff(),
                    config.maxBackoff(), ThreadLocalRandom.current()::nextDouble));
            if (notifications.markRetry(id, failure.cause(), retryAt, claimed.leaseEnd())) {
                LOG.warnf("Notification %d to %s not sent (attempt %d), retrying at %s: %s", id, to, attempts,
                        retryAt, failure.cause());
                return Optional.of(retryAt);
            }
        }
        LOG.warnf("Notification %d to %s not sent, not recorded: its claim lapsed and another holds it: %s", id, to,
                failure.cause());
        return Optional.empty();
    }

    /**
     * An email given up on that the mail server takes after all, before its retry is claimed, is recorded as sent, so
     * that it is not sent twice: a relay slow to answer otherwise got every email once for each attempt. Recorded on a
     * worker thread, off the mail client's, which must not wait on the database.
     */
    private void recordIfTakenLate(Claimed claimed, MailSender.GivenUp givenUp, Instant retryAt) {
        long id = claimed.claim().id();
        givenUp.conversation().thenRunAsync(() -> {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> notifications.markSentLate(id,
                        Timestamps.now(clock), retryAt))) {
                    LOG.infof("Notification %d to %s was taken by the mail server after its send timed out; recorded"
                            + " as sent, and not retried", id, LogText.of(claimed.to()));
                }
            } catch (RuntimeException e) {
                LOG.warnf("Notification %d was taken by the mail server after its send timed out, but recording it"
                        + " failed; it is sent again at its retry: %s", id, LogText.rootCause(e, 500));
            }
        }, workers);
    }

    /**
     * A failure that sending again would only repeat: the mail server's permanent refusal (5xx) of this email, or a
     * message that cannot be built at all, such as an invalid address or header.
     */
    static boolean isPermanent(Throwable e) {
        return Causes.of(e).filter(t -> t instanceof SMTPException || t instanceof IllegalArgumentException)
                .findFirst().map(t -> !(t instanceof SMTPException smtp) || smtp.isPermanent() && !ofTheSession(smtp))
                .orElse(false);
    }

    /**
     * A permanent refusal of the session rather than of the email: authentication required, refused or too weak,
     * encryption required (RFC 4954's 530, 534, 535, 538, or the same as enhanced statuses 5.7.0, 5.7.8, 5.7.9,
     * 5.7.11, 5.7.14). Every email meets it until the relay's settings are put right, so it is retried with backoff
     * like a temporary failure, not failed at once with the whole queue behind it. (5.7.1, which relays give both
     * to a sender they will not relay for and to one recipient's refusal, stays permanent.)
     */
    private static boolean ofTheSession(SMTPException smtp) {
        // Read from the reply itself: the client's parsed enhanced status keeps its detail in a shared enum constant.
        return SESSION_REFUSALS.contains(smtp.getReplyCode())
                || smtp.getReplyMessages().stream().anyMatch(line -> SESSION_SECURITY.matcher(line).lookingAt());
    }

    private static final Set<Integer> SESSION_REFUSALS = Set.of(530, 534, 535, 538);
    /** A reply line with one of the enhanced statuses of {@link #ofTheSession}: "554 5.7.9 ...". */
    private static final Pattern SESSION_SECURITY = Pattern.compile("\\d{3}[ -]5\\.7\\.(0|8|9|11|14)(\\s|$)");
}
