package uk.nhs.incidents.evidence.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.jobs.DaemonThreads;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.RequestTimeoutException;
import uk.nhs.incidents.common.problem.UnavailableException;
import uk.nhs.incidents.evidence.data.SpoolDirectory;
import uk.nhs.incidents.evidence.data.SpoolFile;

/**
 * Receives an upload body into a spool file, at whatever pace the client sends it, holding no database connection:
 * hashed as it arrives, its leading bytes handed to the type check as soon as there are enough, its size held to
 * the limit, and cut when it goes idle or drips slower than the minimum rate. Whatever goes wrong, the spool file is
 * deleted.
 */
@ApplicationScoped
public class UploadReceiver {

    private static final Logger LOG = Logger.getLogger(UploadReceiver.class);
    /** As much of the file as type detection looks at. */
    static final int LEADING_BYTES = 64 * 1024;

    private final EvidenceConfig config;
    private final SpoolDirectory spool;
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("evidence-upload-idle-cut"));

    UploadReceiver(EvidenceConfig config) {
        this.config = config;
        this.spool = new SpoolDirectory(config.upload().spool());
    }

    /** Spool files a crashed process left behind take disk space nobody will free otherwise. */
    void removeStaleSpoolFiles(@Observes StartupEvent event) {
        try {
            int removed = spool.removeStale();
            if (removed > 0) {
                LOG.infof("Removed %d upload spool files left in %s by an earlier process", removed, spool.path());
            }
        } catch (IOException e) {
            LOG.warnf(e, "Cannot clear stale upload spool files from %s", spool.path());
        }
    }

    @PreDestroy
    void stop() {
        watchdog.shutdownNow();
    }

    /**
     * @param checkLeadingBytes refuses the upload (by throwing) from its first bytes, before the rest is received
     * @return the complete body on disk; the caller closes it, which deletes it
     */
    public SpoolFile receive(InputStream body, Consumer<byte[]> checkLeadingBytes) {
        SpoolFile file = create();
        try {
            fill(file, body, checkLeadingBytes);
            return file;
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private void fill(SpoolFile file, InputStream body, Consumer<byte[]> checkLeadingBytes) {
        long maxSize = config.maxSize().asLongValue();
        byte[] buffer = new byte[LEADING_BYTES];
        ByteArrayOutputStream leading = new ByteArrayOutputStream();
        IdleCut idle = IdleCut.watch(watchdog, config.upload().idleTimeout(),
                config.upload().minBytesPerSecond().asLongValue());
        try {
            for (int length = read(body, buffer, idle); length >= 0; length = read(body, buffer, idle)) {
                idle.activity(length);
                if (file.size() + length > maxSize) {
                    throw EvidenceChanges.tooLarge(maxSize);
                }
                if (leading.size() < LEADING_BYTES) {
                    leading.write(buffer, 0, Math.min(length, LEADING_BYTES - leading.size()));
                    if (leading.size() == LEADING_BYTES) {
                        checkLeadingBytes.accept(leading.toByteArray());
                    }
                }
                append(file, buffer, length, idle);
            }
        } catch (RuntimeException e) {
            // A cut read fails in whatever way the interrupt reached it; the client is told it was cut.
            IdleCut.Reason why = idle.finish();
            throw why != null ? cut(why) : e;
        }
        IdleCut.Reason why = idle.finish();
        if (why != null) {
            throw cut(why);
        }
        if (file.size() == 0) {
            throw new InvalidInputException("body", "the file is empty");
        }
        if (leading.size() < LEADING_BYTES) {
            checkLeadingBytes.accept(leading.toByteArray());
        }
    }

    private int read(InputStream body, byte[] buffer, IdleCut idle) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            if (idle.isCut()) {
                throw new UncheckedIOException("cut", e); // told as the cut it is, once the watch finishes
            }
            throw new InvalidInputException("body", "the upload broke off before it completed");
        }
    }

    private void append(SpoolFile file, byte[] buffer, int length, IdleCut idle) {
        try {
            file.append(buffer, length);
        } catch (IOException e) {
            if (idle.isCut()) {
                throw new UncheckedIOException("cut", e); // told as the cut it is, once the watch finishes
            }
            throw spoolUnavailable(e);
        }
    }

    private SpoolFile create() {
        try {
            return spool.create();
        } catch (IOException e) {
            throw spoolUnavailable(e);
        }
    }

    /** The spool disk is full or unwritable: the service's trouble, not the client's, and passing. */
    private UnavailableException spoolUnavailable(IOException e) {
        LOG.errorf(e, "Cannot write to the upload spool in %s", spool.path());
        return new UnavailableException("upload-spool-unavailable", "Cannot receive uploads now",
                "The service cannot hold the upload while it arrives; try again later.", Duration.ofMinutes(1));
    }

    private RequestTimeoutException cut(IdleCut.Reason why) {
        EvidenceConfig.Upload limits = config.upload();
        return new RequestTimeoutException(why == IdleCut.Reason.IDLE
                ? "Nothing arrived for " + limits.idleTimeout().toSeconds() + " s; the upload was cut. Send it again."
                : "The upload arrived at less than " + limits.minBytesPerSecond().asLongValue() + " bytes a second "
                        + "on average; it was cut. Send it again: an upload must keep arriving at least that fast.");
    }
}
