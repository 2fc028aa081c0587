package uk.nhs.incidents.evidence.service;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import uk.nhs.incidents.common.problem.TooManyRequestsException;

/**
 * How many evidence uploads, and how many downloads of its content, may be in progress on this instance, per
 * organisation and in total. Each holds a worker thread while its bytes cross the client's link (and an upload spool
 * space, a download a chunk in memory), so without a bound one organisation's slow links, or a client that reads a
 * recording a few bytes at a time, could take every worker thread and leave the service unanswering.
 */
@ApplicationScoped
public class TransferLimits {

    /** A place among the transfers in progress, given back on close; closing it again does nothing. */
    public interface Slot extends AutoCloseable {

        @Override
        void close();
    }

    private final Counted uploads;
    private final Counted downloads;
    private final DownloadPace pace;

    TransferLimits(EvidenceConfig config, DownloadPace pace) {
        this.pace = pace;
        EvidenceConfig.Upload upload = config.upload();
        EvidenceConfig.Download download = config.download();
        this.uploads = new Counted("uploads", upload.maxPerOrganisation(), upload.maxConcurrent(),
                upload.retryAfter());
        this.downloads = new Counted("downloads", download.maxPerOrganisation(), download.maxConcurrent(),
                download.retryAfter());
    }

    /** @throws TooManyRequestsException when the organisation's share of uploads or their total is taken */
    public Slot upload(String organisation) {
        return uploads.acquire(organisation);
    }

    /**
     * A place for the download answering {@code http}, which is cut if its client reads too slowly
     * ({@link DownloadPace}); closing the slot gives the place back and stops watching.
     *
     * @throws TooManyRequestsException when the organisation's share of downloads or their total is taken
     */
    public Slot download(String organisation, HttpServerRequest http) {
        Slot place = downloads.acquire(organisation);
        Slot watch = pace.watch(http);
        return () -> {
            watch.close();
            place.close();
        };
    }

    /** The transfers of one kind in progress, by organisation and in total. */
    private static final class Counted {

        private final String what;
        private final int maxPerOrganisation;
        private final int maxConcurrent;
        private final Duration retryAfter;
        private final Map<String, Integer> perOrganisation = new HashMap<>();
        private int total;

        Counted(String what, int maxPerOrganisation, int maxConcurrent, Duration retryAfter) {
            this.what = what;
            this.maxPerOrganisation = maxPerOrganisation;
            this.maxConcurrent = maxConcurrent;
            this.retryAfter = retryAfter;
        }

        synchronized Slot acquire(String organisation) {
            int mine = perOrganisation.getOrDefault(organisation, 0);
            if (mine >= maxPerOrganisation) {
                throw busy("Your organisation already has " + mine + " " + what + " in progress, the most it may "
                        + "have at once.");
            }
            if (total >= maxConcurrent) {
                throw busy("The service has as many " + what + " in progress as it takes at once.");
            }
            perOrganisation.put(organisation, mine + 1);
            total++;
            AtomicBoolean held = new AtomicBoolean(true);
            return () -> {
                if (held.getAndSet(false)) {
                    release(organisation);
                }
            };
        }

        private synchronized void release(String organisation) {
            perOrganisation.computeIfPresent(organisation, (key, count) -> count == 1 ? null : count - 1);
            total--;
        }

        private TooManyRequestsException busy(String why) {
            return new TooManyRequestsException(why + " Try again after the time given in Retry-After.", retryAfter);
        }
    }
}
