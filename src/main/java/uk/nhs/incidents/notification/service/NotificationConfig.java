package uk.nhs.incidents.notification.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;
import uk.nhs.incidents.common.jobs.JobInterval;
import uk.nhs.incidents.common.time.PositiveDuration;

@ConfigMapping(prefix = "incidents.notifications")
public interface NotificationConfig {

    /** The service's own URL; where no link template is set, emails link to this followed by /api/v1/incidents/{id}. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /**
     * Where recipients open an incident, such as a portal's page of it: an absolute http(s) URL with {reference} or
     * {id} in it, e.g. https://portal.example/incidents/{reference}.
     */
    Optional<String> linkTemplate();

    /**
     * The domain of the emails' Message-IDs; the links' host by default. Each environment needs its own, so that
     * the messages of two never share an id.
     */
    Optional<String> messageIdDomain();

    /** How often the dispatcher looks for due notifications. */
    @WithDefault("1s")
    @JobInterval
    String dispatchEvery();

    @WithDefault("50")
    @Positive
    int batchSize();

    /**
     * Emails a dispatcher has under way at once once its run has lasted {@code unhurried-for} (one at a time
     * before): each waits on the mail server for a few round trips, during which the others are sent rather than
     * waited behind it. Not above the mailer's pool of connections (quarkus.mailer.max-pool-size; the start stops),
     * beyond which they would queue in the client.
     */
    @WithDefault("8")
    @Positive
    int concurrency();

    /**
     * How long a run sends one email at a time before it has {@code concurrency} under way: a run that ends sooner has
     * kept up, and sending flat out would only take the cores from requests meanwhile; one that lasts longer is
     * behind (a backlog, a slow relay). As long as the default {@code dispatch-every}; 0 sends at full concurrency
     * from the start. A send the relay holds up holds the run only until then, and then no more than its own place
     * among the {@code concurrency} (all of it at 1).
     */
    @WithDefault("PT1S")
    @DurationMin(nanos = 0)
    Duration unhurriedFor();

    /** Attempts before a notification is marked failed. */
    @WithDefault("8")
    @Positive
    int maxAttempts();

    /** The wait after the first failure; it doubles with each further failure, with jitter, up to the maximum. */
    @WithDefault("PT30S")
    @PositiveDuration
    Duration initialBackoff();

    @WithDefault("PT1H")
    @PositiveDuration
    Duration maxBackoff();

    /**
     * The longest one email may take, and so hold the dispatcher; one that takes longer is retried. Not shorter than
     * the relay needs: an email that times out is recorded as sent if the relay takes it before its retry begins, and
     * sent again if it takes it only after. Also the most the relay may take to
     * accept a connection, or stay silent in one, before the connection is given up ({@link SmtpSettings}).
     */
    @WithDefault("PT30S")
    @PositiveDuration
    Duration sendTimeout();

    /**
     * Notifications the mail server accepted are recorded together: at the end of each batch and at least this
     * often. A dispatcher that dies sends again at most what it had not recorded, under the same Message-IDs.
     */
    @WithDefault("PT1S")
    @DurationMin(nanos = 0)
    Duration recordEvery();

    /** How long a dispatcher holds the notifications it claimed; a dispatcher that dies releases them after this. */
    @WithDefault("PT10M")
    @PositiveDuration
    Duration claimLease();

    /**
     * How far before the point where the last claim left no due notification the next one starts reading the queue
     * ({@link uk.nhs.incidents.common.jobs.ClaimFloor}): for notifications of changes that commit after the claim
     * passed, each due from its change's start. One whose change takes longer is sent by the next full claim.
     */
    @WithDefault("PT10S")
    @PositiveDuration
    Duration claimOverlap();

    /**
     * How often a claim reads the queue from its head, past the entries of every notification sent since the table
     * was last vacuumed, for any left behind by the claims between: about the longest such a notification waits.
     */
    @WithDefault("PT1M")
    @PositiveDuration
    Duration fullClaimEvery();
}
