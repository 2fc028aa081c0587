package uk.nhs.incidents.evidence.service;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.incidents.common.limits.Shares;
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

    private final Shares uploads;
    private final Shares downloads;
    private final DownloadPace pace;

    TransferLimits(EvidenceConfig config, DownloadPace pace) {
        this.pace = pace;
        EvidenceConfig.Upload upload = config.upload();
        EvidenceConfig.Download download = config.download();
        this.uploads = new Shares("uploads", upload.maxPerOrganisation(), upload.maxConcurrent(),
                upload.retryAfter());
        this.downloads = new Shares("downloads", download.maxPerOrganisation(), download.maxConcurrent(),
                download.retryAfter());
    }

    /** @throws TooManyRequestsException when the organisation's share of uploads or their total is taken */
    public Slot upload(String organisation) {
        return uploads.take(organisation, 1)::close;
    }

    /**
     * A place for the download answering {@code http}, which is cut if its client reads too slowly
     * ({@link DownloadPace}); closing the slot gives the place back and stops watching.
     *
     * @throws TooManyRequestsException when the organisation's share of downloads or their total is taken
     */
    public Slot download(String organisation, HttpServerRequest http) {
        Shares.Held place = downloads.take(organisation, 1);
        Slot watch = pace.watch(http);
        return () -> {
            watch.close();
            place.close();
        };
    }
}
