package uk.nhs.incidents.notification.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "incidents.notifications")
public interface NotificationConfig {

    /** Where recipients open an incident: the link in every email is this followed by /api/v1/incidents/{id}. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /** How often the dispatcher looks for due notifications. */
    @WithDefault("10s")
    String dispatchEvery();

    @WithDefault("50")
    int batchSize();

    /** Attempts before a notification is marked failed. */
    @WithDefault("8")
    int maxAttempts();

    /** The wait after the first failure; it doubles with each further failure, with jitter, up to the maximum. */
    @WithDefault("PT30S")
    Duration initialBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();

    /** How long a dispatcher holds the notifications it claimed; a dispatcher that dies releases them after this. */
    @WithDefault("PT10M")
    Duration claimLease();
}
