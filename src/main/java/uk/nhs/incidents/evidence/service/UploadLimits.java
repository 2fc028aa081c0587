package uk.nhs.incidents.evidence.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import uk.nhs.incidents.common.problem.TooManyRequestsException;

/**
 * How many uploads may be in progress on this instance, per organisation and in total. Each holds a worker thread
 * and spool space while its body arrives, so without a bound one organisation's slow links could take them all.
 */
@ApplicationScoped
public class UploadLimits {

    /** A place among the uploads in progress, given back on close. */
    public interface Slot extends AutoCloseable {

        @Override
        void close();
    }

    private final EvidenceConfig.Upload config;
    private final Map<String, Integer> perOrganisation = new HashMap<>();
    private int total;

    UploadLimits(EvidenceConfig config) {
        this.config = config.upload();
    }

    /** @throws TooManyRequestsException when the organisation's share or the total is taken */
    public synchronized Slot acquire(String organisation) {
        int mine = perOrganisation.getOrDefault(organisation, 0);
        if (mine >= config.maxPerOrganisation()) {
            throw busy("Your organisation already has " + mine + " uploads in progress, the most it may have at once.");
        }
        if (total >= config.maxConcurrent()) {
            throw busy("The service is receiving as many uploads as it takes at once.");
        }
        perOrganisation.put(organisation, mine + 1);
        total++;
        return () -> release(organisation);
    }

    private synchronized void release(String organisation) {
        perOrganisation.computeIfPresent(organisation, (key, count) -> count == 1 ? null : count - 1);
        total--;
    }

    private TooManyRequestsException busy(String why) {
        return new TooManyRequestsException(why + " Try again after the time given in Retry-After.",
                config.retryAfter());
    }
}
