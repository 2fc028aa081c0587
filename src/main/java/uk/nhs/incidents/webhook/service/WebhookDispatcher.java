package uk.nhs.incidents.webhook.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.database.DatabaseOutage;
import uk.nhs.incidents.common.database.QuietDuringOutage;
import uk.nhs.incidents.common.jobs.ClaimLease;
import uk.nhs.incidents.common.jobs.DaemonThreads;
import uk.nhs.incidents.common.jobs.JobGate;
import uk.nhs.incidents.common.jobs.JobGates;
import uk.nhs.incidents.common.jobs.LateRecords;
import uk.nhs.incidents.common.jobs.RecordedTogether;
import uk.nhs.incidents.common.logging.LogText;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.webhook.data.Subscribed;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository.Claim;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository.Delivered;
import uk.nhs.incidents.webhook.domain.RetryRules.Verdict;
import uk.nhs.incidents.webhook.domain.SigningSecret;
import uk.nhs.incidents.webhook.domain.TargetUrl;

/**
 * Sends due webhook deliveries: a job of its own, apart from the email dispatcher, so that no receiver delays an
 * email. Each run claims, in one short transaction (SKIP LOCKED, so any number of instances run side by side), the
 * due deliveries of as many subscriptions as this instance has idle senders, and hands each subscription's to a
 * sender of its own, which claims the subscription's next batch itself while more waits; it does not wait for
 * them. A sender posts them one by one, outside any transaction and holding no connection, and records outcomes in
 * short transactions: each failure on its own, successes together. When a receiver fails in a way waiting may
 * cure, its sender stops and puts the rest back until that retry: a dead receiver costs one timeout per retry, and
 * only its own sender's time. When the service stops, each sender ends the delivery under way, records what was
 * accepted and hands the rest back, due at once for another instance.
 */
@ApplicationScoped
@Startup
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveryRepository deliveries;
    private final DeliveryOutcomes outcomes;
    private final WebhookSender sender;
    private final SigningSecrets secrets;
    private final WebhookConfig config;
    private final Clock clock;
    private final ExecutorService senders;
    private final JobGate gate;
    private final ClaimLease lease;
    private final Listeners listeners;
    /** The subscriptions this instance's senders are sending to now; a run claims for none of them. */
    private final Set<Long> busy = ConcurrentHashMap.newKeySet();
    private final LateRecords late = new LateRecords("The webhook senders");

    WebhookDispatcher(WebhookDeliveryRepository deliveries, DeliveryOutcomes outcomes, WebhookSender sender,
            SigningSecrets secrets, WebhookConfig config, Clock clock, JobGates gates, Listeners listeners) {
        this.deliveries = deliveries;
        this.listeners = listeners;
        this.outcomes = outcomes;
        this.sender = sender;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
        this.senders = Executors.newFixedThreadPool(config.concurrency(), DaemonThreads.named("webhook-sender"));
        this.gate = gates.openSending("the webhook senders", config.connectTimeout().plus(config.readTimeout()), late,
                clock);
        this.lease = ClaimLease.of("incidents.webhooks.claim-lease", config.claimLease(),
                "connect-timeout, read-timeout and record-every together",
                config.connectTimeout().plus(config.readTimeout()).plus(config.recordEvery()));
    }

    /** Ends any sender still at work once the stop has waited for it (see {@link JobGates}). */
    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    @QuietDuringOutage
    @Scheduled(identity = "webhook-dispatch", every = "${incidents.webhooks.dispatch-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        dispatch();
    }

    /**
     * Deliveries a change wrote while their webhook was being disabled are given up soon after, each instance looking
     * once a minute: a cheap look (the webhooks disabled in the last day, by their pending index).
     */
    @QuietDuringOutage
    @Scheduled(identity = "webhook-stragglers", every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void giveUpStragglers() {
        outcomes.giveUpStragglers(Timestamps.now(clock));
    }

    /**
     * Claims due deliveries for idle senders and starts sending them; returns at once, with what completes when
     * they are all sent and recorded. Once the service is stopping it claims nothing.
     */
    public synchronized CompletableFuture<Void> dispatch() {
        return gate.run(this::claimAndStart).orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    private CompletableFuture<Void> claimAndStart() {
        late.retry(Timestamps.now(clock));
        Instant now = Timestamps.now(clock);
        int idle = config.concurrency() - busy.size();
        if (idle <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        Instant leaseEnd = lease.endFrom(now);
        List<Claim> claimed = QuarkusTransaction.requiringNew().call(() -> deliveries.claimDue(now, leaseEnd,
                Set.copyOf(busy), idle, config.batchSize()));
        Map<Long, List<Claim>> bySubscription = claimed.stream().collect(Collectors.groupingBy(Claim::subscriptionId,
                LinkedHashMap::new, Collectors.toList()));
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        bySubscription.forEach((subscription, claims) -> start(subscription, claims, leaseEnd, now)
                .ifPresent(sending::add));
        return CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new));
    }

    /** Hands one subscription's claims to a sender of its own, or back when the service has begun stopping. */
    private Optional<CompletableFuture<Void>> start(long subscription, List<Claim> claims, Instant leaseEnd,
            Instant now) {
        busy.add(subscription);
        Optional<CompletableFuture<Void>> started = gate.start(() -> sendWhileMoreWaits(claims, leaseEnd), senders);
        if (started.isEmpty()) {
            busy.remove(subscription);
            handBack(claims, leaseEnd, now);
            return Optional.empty();
        }
        return Optional.of(started.get().whenComplete((ended, failure) -> {
            busy.remove(subscription);
            if (failure != null && DatabaseOutage.isUnreachable(failure)) {
                LOG.warnf("Sending to webhook subscription %d stopped, the database cannot be reached; the deliveries"
                        + " its receiver accepted are recorded once it answers", subscription);
            } else if (failure != null) {
                LOG.errorf(failure, "Sending to webhook subscription %d stopped; the deliveries its receiver "
                        + "accepted are recorded and the rest handed back, by a later run if not now", subscription);
            }
        }));
    }

    /** Deliveries claimed together, and when their claim lapses. */
    private record Batch(List<Claim> claims, Instant leaseEnd) {
    }

    /**
     * The batch claimed, then, while the receiver keeps up and more may wait, the subscription's next batch, claimed
     * afresh by the same sender: a full batch sent through may leave a backlog, and a later event of an incident sent
     * waits behind it (each claim takes only the first pending event of an incident). A receiver keeping up is not
     * held to one batch per run while its backlog grows, nor a burst of changes to one incident to one event per run.
     * Only while another sender of this instance is idle, so that no other webhook waits for this one's backlog: with
     * every sender busy it stops, and the next run claims for the webhooks that waited longest. The run's future
     * completes once the last batch is sent and recorded.
     */
    private Void sendWhileMoreWaits(List<Claim> claims, Instant leaseEnd) {
        Batch batch = new Batch(claims, leaseEnd);
        while (sendInOrder(batch.claims(), batch.leaseEnd()) && mayBeFollowed(batch.claims()) && !gate.closed()
                && busy.size() < config.concurrency()) {
            batch = nextBatch(claims.get(0).subscriptionId());
            if (batch.claims().isEmpty()) {
                break;
            }
        }
        return null;
    }

    private boolean mayBeFollowed(List<Claim> batch) {
        return batch.size() >= config.batchSize() || batch.stream().anyMatch(Claim::followed);
    }

    /** The subscription's next batch; none where the claim fails, which a later run makes again. */
    private Batch nextBatch(long subscription) {
        Instant now = Timestamps.now(clock);
        Instant leaseEnd = lease.endFrom(now);
        try {
            return new Batch(QuarkusTransaction.requiringNew().call(() -> deliveries.claimDueFor(subscription, now,
                    leaseEnd, config.batchSize())), leaseEnd);
        } catch (RuntimeException e) {
            LOG.warnf("Webhook subscription %d: its next deliveries are claimed by a later run, the claim failed: %s",
                    subscription, LogText.rootCause(e, 500));
            return new Batch(List.of(), leaseEnd);
        }
    }

    /**
     * One subscription's deliveries, one after another, until its receiver fails in a way waiting may cure; returns
     * whether none did. Accepted deliveries are recorded together (one commit for a batch, not one each); those
     * before a failure are recorded before it, as a success since the subscription began failing keeps it enabled.
     * Once the service is stopping, or the claim has lapsed (a receiver slower than the lease allows for a batch), it
     * sends nothing more: what was accepted is recorded and the rest handed back. Nor once the webhook is no longer
     * enabled (removed, or disabled by a failure of this batch or elsewhere), as its enabled webhooks stand in their
     * cache: at once for a change made on this instance, within the cache's refresh for one made on another. A secret
     * rotated meanwhile signs the rest of the batch from then on. A batch cut short by a failure of its own (the
     * database stopping as the cache looks, or as a failure is recorded) still records what was accepted and hands the
     * rest back, once the database answers if it must ({@link LateRecords}): before, what was accepted went again when
     * the claim lapsed.
     */
    private boolean sendInOrder(List<Claim> claims, Instant leaseEnd) {
        long subscription = claims.get(0).subscriptionId();
        RecordedTogether<Delivered> accepted = new RecordedTogether<>(config.recordEvery(),
                delivered -> late.record("webhook deliveries accepted", delivered.size(), leaseEnd,
                        () -> outcomes.delivered(subscription, delivered, delivered.get(delivered.size() - 1).at(),
                                leaseEnd)));
        AtomicInteger settled = new AtomicInteger();
        try {
            return sendEach(claims, leaseEnd, accepted, settled);
        } catch (RuntimeException e) {
            try {
                accepted.flush();
            } catch (RuntimeException stillFailing) {
                // kept to be recorded by a later run
            }
            if (settled.get() < claims.size()) {
                handBack(claims.subList(settled.get(), claims.size()), leaseEnd, Timestamps.now(clock));
            }
            throw e;
        }
    }

    /**
     * The deliveries in order, as {@link #sendInOrder} says; {@code settled} counts those accepted, or whose failure
     * is recorded, from the first.
     */
    private boolean sendEach(List<Claim> claims, Instant leaseEnd, RecordedTogether<Delivered> accepted,
            AtomicInteger settled) {
        long subscription = claims.get(0).subscriptionId();
        for (int i = 0; i < claims.size(); i++) {
            Optional<Subscribed> current = i == 0 ? Optional.empty() : listeners.enabled(subscription);
            if (gate.closed() || lease.tooLateToStart(Timestamps.now(clock), leaseEnd) || i > 0 && current.isEmpty()) {
                accepted.flush();
                handBack(claims.subList(i, claims.size()), leaseEnd, Timestamps.now(clock));
                return false;
            }
            Claim claimed = claims.get(i);
            Claim claim = current.map(subscribed -> signedAsRotated(claimed, subscribed)).orElse(claimed);
            Attempt attempt = attempt(claim);
            Instant at = Timestamps.now(clock);
            if (attempt.verdict() == Verdict.DELIVERED) {
                settled.set(i + 1);
                accepted.add(new Delivered(claim.id(), at, attempt.status()), at);
                continue;
            }
            accepted.flush();
            Optional<Instant> retryAt = outcomes.failed(claim, attempt, at, leaseEnd);
            settled.set(i + 1);
            if (attempt.verdict() == Verdict.RETRY) {
                if (i + 1 < claims.size()) {
                    outcomes.release(subscription, ids(claims.subList(i + 1, claims.size())), leaseEnd,
                            retryAt.orElse(Timestamps.now(clock)));
                }
                return false;
            }
        }
        accepted.flush();
        return true;
    }

    /**
     * Claimed deliveries left unsent (the service is stopping, or their claim has lapsed), due again at {@code at}
     * rather than when the claim lapses; a release that fails is made by a later run once the database answers, or
     * left to the claim's lapse, which sends them as well, later.
     */
    private void handBack(List<Claim> unsent, Instant leaseEnd, Instant at) {
        try {
            late.record("webhook deliveries handed back unsent", unsent.size(), leaseEnd,
                    () -> outcomes.release(unsent.get(0).subscriptionId(), ids(unsent), leaseEnd, at));
        } catch (RuntimeException e) {
            LOG.warnf("%d claimed webhook deliveries not posted are handed back once the database answers, or sent once"
                    + " their claim lapses: %s", unsent.size(),
                    LogText.rootCause(e, 500));
        }
    }

    /**
     * The claim, signed with the subscription's secrets as the cache has them where they are those of a rotation
     * made since the claim read them (the cache's previous secret is the claim's current one): the receiver may have
     * taken the new secret up at once, as both sign during the overlap. Otherwise the claim's, which are as new (a
     * rotation the cache has not heard of yet, on another instance, is the claim's).
     */
    private static Claim signedAsRotated(Claim claim, Subscribed current) {
        if (current.previousSecret() == null || !current.previousSecret().equals(claim.secret())) {
            return claim;
        }
        return claim.withSecrets(current.secret(), current.previousSecret(), current.previousSecretExpiresAt());
    }

    private static List<Long> ids(List<Claim> claims) {
        return claims.stream().map(Claim::id).toList();
    }

    /** Signs the body with the secrets in use now and posts it, unless the target is no longer acceptable. */
    private Attempt attempt(Claim claim) {
        Optional<String> refused = TargetUrl.problem(claim.url(), config.requireHttps());
        if (refused.isPresent()) {
            return Attempt.unanswered("Not sent: the URL " + refused.get());
        }
        Instant now = clock.instant();
        String id = String.valueOf(claim.id());
        long timestamp = now.getEpochSecond();
        List<String> signing;
        try {
            signing = secrets.inUse(claim.subscriptionId(), claim.secret(), claim.previousSecret(),
                    claim.previousSecretExpiresAt(), now);
        } catch (IllegalArgumentException e) {
            // The key was changed under stored secrets: an operator's mistake that restoring the key cures, so the
            // delivery waits and backs off as for a dead receiver, rather than failing or looping on its lease.
            LOG.errorf("Webhook subscription %d: %s; check incidents.webhooks.secret-key", claim.subscriptionId(),
                    e.getMessage());
            return Attempt.unanswered("Not sent: the service cannot open this webhook's signing secret");
        }
        String signature = SigningSecret.header(signing, id, timestamp, claim.payload());
        return sender.send(TargetUrl.of(claim.url()), Map.of("Content-Type", "application/json", "webhook-id", id,
                "webhook-timestamp", String.valueOf(timestamp), "webhook-signature", signature,
                "User-Agent", "nhs-incident-service-webhooks"), claim.payload());
    }
}
