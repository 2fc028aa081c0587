package uk.nhs.incidents.evidence.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.incidents.common.config.SettingsBound;

/**
 * Stops the start when the HTTP layer would give up on a stalled upload before the upload's own watch does: on its
 * read timeout it closes the connection with no answer, where the watch answers 408 and says why
 * ({@link SettingsBound}).
 */
@ApplicationScoped
class UploadTimeouts {

    void check(@Observes StartupEvent event, EvidenceConfig config,
            @ConfigProperty(name = "quarkus.http.read-timeout", defaultValue = "60s") Duration readTimeout) {
        SettingsBound.hold(refusal(config.upload().idleTimeout(), readTimeout));
    }

    /** Why an upload idle timeout of {@code idleTimeout} cannot work with {@code readTimeout}; empty when it can. */
    static Optional<String> refusal(Duration idleTimeout, Duration readTimeout) {
        Duration latestCut = IdleCut.latestCut(idleTimeout);
        if (readTimeout.compareTo(latestCut) > 0) {
            return Optional.empty();
        }
        return Optional.of("quarkus.http.read-timeout=" + readTimeout + " would close a stalled upload's connection"
                + " unanswered before incidents.evidence.upload.idle-timeout=" + idleTimeout + " cuts it with a 408"
                + " (by " + latestCut + "); raise the one or lower the other");
    }
}
