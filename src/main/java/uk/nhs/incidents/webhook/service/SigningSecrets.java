package uk.nhs.incidents.webhook.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import uk.nhs.incidents.webhook.domain.SecretSeal;
import uk.nhs.incidents.webhook.domain.SigningSecret;

/**
 * New signing secrets, sealed for storage under {@code incidents.webhooks.secret-key}, and the ones in use opened to
 * sign with. The key is checked when the service starts: a bad one stops it there, not at the first delivery.
 */
@ApplicationScoped
class SigningSecrets {

    private static final Logger LOG = Logger.getLogger(SigningSecrets.class);

    private final SecureRandom random = new SecureRandom();
    private final SecretSeal seal;

    SigningSecrets(WebhookConfig config) {
        this.seal = SecretSeal.withKey(config.secretKey(), random);
    }

    void checkKey(@Observes StartupEvent event) {
        // Observing startup creates this bean, whose constructor refuses a key of the wrong form.
    }

    String generate() {
        return SigningSecret.generate(random);
    }

    String seal(String secret, long subscriptionId) {
        return seal.seal(secret, subscriptionId);
    }

    /**
     * The secrets that sign now: the current one, then the previous one while its overlap lasts. A current secret
     * that does not open is an {@link IllegalArgumentException}; a previous one that does not open (sealed under a
     * key since replaced, and rotated out for that reason) signs no more.
     */
    List<String> inUse(long subscriptionId, String secret, String previousSecret, Instant previousExpiresAt,
            Instant now) {
        List<String> secrets = new ArrayList<>(List.of(seal.open(secret, subscriptionId)));
        if (previousSecret != null && previousExpiresAt.isAfter(now)) {
            try {
                secrets.add(seal.open(previousSecret, subscriptionId));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Webhook subscription %d: its previous secret does not open (%s); it signs no more",
                        subscriptionId, e.getMessage());
            }
        }
        return secrets;
    }
}
