package uk.nhs.incidents.webhook.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import uk.nhs.incidents.common.jobs.JobInterval;
import uk.nhs.incidents.common.time.PositiveDuration;

@ConfigMapping(prefix = "incidents.webhooks")
public interface WebhookConfig {

    /** The API's address as receivers reach it: each payload links to its incident as this + /api/v1/incidents/{id}. */
    @WithDefault("http://localhost:8080")
    String apiBaseUrl();

    /** How often the webhook dispatcher looks for due deliveries. */
    @WithDefault("1s")
    @JobInterval
    String dispatchEvery();

    /** The most deliveries one claim takes for one subscription. */
    @WithDefault("20")
    @Positive
    int batchSize();

    /** Subscriptions one instance sends to at once, each by its own sender, so a slow one holds up no other. */
    @WithDefault("8")
    @Positive
    int concurrency();

    /** Attempts before a delivery is marked failed. */
    @WithDefault("15")
    @Positive
    int maxAttempts();

    /** The wait after the first failure; it doubles with each further one, with jitter, up to the maximum. */
    @WithDefault("PT1M")
    @PositiveDuration
    Duration initialBackoff();

    @WithDefault("PT6H")
    @PositiveDuration
    Duration maxBackoff();

    @WithDefault("PT2S")
    @PositiveDuration
    Duration connectTimeout();

    /** How long a receiver may stay silent, before answering or while answering. */
    @WithDefault("PT5S")
    @PositiveDuration
    Duration readTimeout();

    /**
     * Deliveries a receiver accepted are recorded together: before a failure is, at the end of a batch, and at
     * least this often. A sender that dies sends again at most what it had not recorded (under the same ids).
     */
    @WithDefault("PT1S")
    @DurationMin(nanos = 0)
    Duration recordEvery();

    /** How long a dispatcher holds the deliveries it claimed; one that dies releases them after this. */
    @WithDefault("PT10M")
    @PositiveDuration
    Duration claimLease();

    /** A subscription whose every attempt failed for this long is disabled, and its organisation told. */
    @WithDefault("PT24H")
    @PositiveDuration
    Duration disableAfter();

    /** How long a rotated-out secret keeps signing beside the new one. */
    @WithDefault("PT24H")
    @DurationMin(nanos = 0)
    Duration secretOverlap();

    /** Subscriptions an organisation may have at once. */
    @WithDefault("10")
    @Positive
    int maxPerOrganisation();

    /** Whether targets must be https URLs; false only in the dev and test profiles. */
    @WithDefault("true")
    boolean requireHttps();

    /** Whether targets may be private, loopback or other non-public addresses; true only in dev and test. */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /**
     * The key that seals signing secrets at rest: base64 of 32 random bytes. Required; the dev and test profiles
     * carry a dev-only key, production takes it from its secret store.
     */
    String secretKey();
}
