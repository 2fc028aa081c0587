package uk.nhs.incidents.webhook.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.cache.ReferenceDataChanged;
import uk.nhs.incidents.common.logging.LogText;
import uk.nhs.incidents.common.time.UkTime;
import uk.nhs.incidents.notification.service.OrganisationNotices;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository.Claim;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository.Delivered;
import uk.nhs.incidents.webhook.data.WebhookSubscriptionRepository;
import uk.nhs.incidents.webhook.domain.RetryRules;
import uk.nhs.incidents.webhook.domain.RetryRules.Verdict;

/**
 * Records what attempts came to, in short transactions after the receivers answered (or did not): deliveries
 * accepted, several together; a failed one retried later or given up, and its subscription's health. A subscription
 * that has failed with no success for {@code incidents.webhooks.disable-after}, tried no less often than retries
 * are, is disabled, its pending deliveries given up, and its organisation emailed through the outbox, all in that
 * transaction.
 */
@ApplicationScoped
class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);
    private static final String DISABLED = "Not sent: the subscription was disabled";
    /**
     * How far back {@link #giveUpStragglers} looks for disablings: far beyond the longest transaction, which a change
     * writing to a webhook being disabled is, so that a run missed (the service stopped a while) is made up for.
     */
    private static final Duration STRAGGLERS_WITHIN = Duration.ofDays(1);

    private final WebhookDeliveryRepository deliveries;
    private final WebhookSubscriptionRepository subscriptions;
    private final OrganisationNotices notices;
    private final WebhookConfig config;
    private final Event<ReferenceDataChanged> changed;

    DeliveryOutcomes(WebhookDeliveryRepository deliveries, WebhookSubscriptionRepository subscriptions,
            OrganisationNotices notices, WebhookConfig config, Event<ReferenceDataChanged> changed) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.notices = notices;
        this.config = config;
        this.changed = changed;
    }

    /**
     * Records deliveries of one subscription its receiver accepted, the last at {@code last}, those the claim that
     * lapses at {@code leaseEnd} still holds; the subscription's record of its last success only if it recorded any.
     * Each record here takes the subscription's row before its deliveries' (see
     * {@link WebhookSubscriptionRepository#lockBeforeDeliveries}); a subscription removed meanwhile took its
     * deliveries with it, and nothing is recorded.
     */
    @Transactional
    void delivered(long subscriptionId, List<Delivered> delivered, Instant last, Instant leaseEnd) {
        if (subscriptions.lockBeforeDeliveries(subscriptionId) && deliveries.markDelivered(delivered, leaseEnd) > 0) {
            subscriptions.delivered(subscriptionId, last);
        }
    }

    /**
     * Records an attempt the receiver did not accept, if the claim that lapses at {@code leaseEnd} still holds the
     * delivery; returns when it is tried again, if it is. One a later claim holds is that claim's to record: this
     * failure then counts for nothing, not against the subscription either, which would disable it and give up the
     * deliveries that claim is posting.
     */
    @Transactional
    Optional<Instant> failed(Claim claim, Attempt attempt, Instant at, Instant leaseEnd) {
        if (!subscriptions.lockBeforeDeliveries(claim.subscriptionId())) {
            return Optional.empty();
        }
        int attempts = claim.attempts() + 1;
        Optional<Instant> retryAt = attempt.verdict() == Verdict.RETRY && attempts < config.maxAttempts()
                ? Optional.of(at.plus(RetryRules.nextWait(attempts, attempt.retryAfter(), config.initialBackoff(),
                        config.maxBackoff(), ThreadLocalRandom.current()::nextDouble)))
                : Optional.empty();
        boolean recorded = retryAt.isPresent()
                ? deliveries.markRetry(claim.id(), at, attempt.status(), attempt.error(), retryAt.get(), leaseEnd)
                : deliveries.markFailed(claim.id(), at, attempt.status(), attempt.error(), leaseEnd);
        if (!recorded) {
            LOG.warnf("Webhook delivery %d of subscription %d not delivered, not recorded: its claim lapsed and"
                    + " another holds it: %s", claim.id(), claim.subscriptionId(), attempt.error());
            return Optional.empty();
        }
        logged(claim, attempt, attempts, retryAt);
        subscriptions.failed(claim.subscriptionId(), at, at.minus(longestRetryWait()))
                .filter(since -> !since.plus(config.disableAfter()).isAfter(at))
                .ifPresent(since -> disable(claim, since, attempt, at));
        return retryAt;
    }

    /**
     * The longest a receiver that keeps failing goes untried while anything is due for it: the longest wait between
     * retries, and a claim of an instance that died lapsing. A failure after a longer silence says nothing about the
     * time between, when nothing was sent: a webhook fails afresh from then, so that a quiet one is not disabled by a
     * second failure days after the first.
     */
    private Duration longestRetryWait() {
        return config.maxBackoff().plus(config.claimLease());
    }

    private static void logged(Claim claim, Attempt attempt, int attempts, Optional<Instant> retryAt) {
        if (retryAt.isPresent()) {
            LOG.warnf("Webhook delivery %d of subscription %d not delivered (attempt %d), retrying at %s: %s",
                    claim.id(), claim.subscriptionId(), attempts, retryAt.get(), attempt.error());
        } else {
            LOG.errorf("Webhook delivery %d of subscription %d failed %s and is given up: %s", claim.id(),
                    claim.subscriptionId(), attempt.verdict() == Verdict.FAILED ? "in a way retrying cannot cure"
                            : attempts + " times", attempt.error());
        }
    }

    /**
     * Claimed deliveries not attempted, because their receiver has just failed or the service is stopping: due again
     * at {@code at}, those still held by the claim that lapses at {@code leaseEnd}.
     */
    @Transactional
    void release(long subscriptionId, Collection<Long> ids, Instant leaseEnd, Instant at) {
        if (subscriptions.lockBeforeDeliveries(subscriptionId)) {
            deliveries.release(ids, leaseEnd, at);
        }
    }

    /**
     * Gives up the deliveries that changes wrote while their subscription was being disabled, which the disabling
     * did not see: as it gave up the others, rather than leaving them pending for good, as nothing sends them.
     */
    @Transactional
    void giveUpStragglers(Instant now) {
        int given = deliveries.failPendingOfDisabled(now.minus(STRAGGLERS_WITHIN), DISABLED);
        if (given > 0) {
            LOG.warnf("%d webhook deliveries written as their subscription was being disabled given up", given);
        }
    }

    private static String failedSince(String since, Attempt attempt) {
        return LogText.of("every attempt since " + since + " failed, the last with " + attempt.error());
    }

    private void disable(Claim claim, Instant since, Attempt attempt, Instant at) {
        String why = failedSince(since.toString(), attempt);
        if (subscriptions.disable(claim.subscriptionId(), at, why)) {
            int given = deliveries.failPending(claim.subscriptionId(), DISABLED);
            // The email gives the instant as people in the UK read it; the API's disabledReason as the API's instants.
            notices.webhookDisabled(claim.organisation(), claim.subscriptionId(), claim.url(),
                    failedSince(UkTime.of(since), attempt), at);
            changed.fire(new ReferenceDataChanged(Listeners.NAME)); // this instance's changes stop considering it now
            LOG.errorf("Webhook subscription %d of %s disabled, %d pending deliveries given up: %s",
                    claim.subscriptionId(), claim.organisation(), given, why);
        }
    }
}
