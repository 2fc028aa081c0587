package uk.nhs.incidents.evidence.service;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.jobs.DaemonThreads;

/**
 * Cuts a download whose client reads nothing for {@code incidents.evidence.download.idle-timeout}, or, that long
 * after its start, reads slower on average than {@code .min-bytes-per-second}, as an upload is cut ({@link IdleCut}).
 * A download's bytes are written by a worker thread that waits while the client's link is full; without a cut, a
 * client that stopped reading held that thread, and the download's place ({@link TransferLimits}), until the
 * connection's idle timeout (30 minutes), and one reading a byte now and then held them for ever. The cut closes the
 * connection, which ends the worker's wait.
 */
@ApplicationScoped
class DownloadPace {

    private static final Logger LOG = Logger.getLogger(DownloadPace.class);

    private final Duration timeout;
    private final long minBytesPerSecond;
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("evidence-download-pace"));

    DownloadPace(EvidenceConfig config) {
        this.timeout = config.download().idleTimeout();
        this.minBytesPerSecond = config.download().minBytesPerSecond().asLongValue();
    }

    @PreDestroy
    void stop() {
        watchdog.shutdownNow();
    }

    /** Starts watching the answer to {@code http}, read from what it has written; closing the watch stops it. */
    TransferLimits.Slot watch(HttpServerRequest http) {
        IdleCut watch = IdleCut.polling(watchdog, timeout, minBytesPerSecond, () -> http.response().bytesWritten(),
                why -> cut(http, why));
        return watch::finish;
    }

    private void cut(HttpServerRequest http, IdleCut.Reason why) {
        LOG.infof("A download was cut after %d bytes: its client %s", http.response().bytesWritten(),
                why == IdleCut.Reason.IDLE ? "read nothing for " + timeout
                        : "read slower than " + minBytesPerSecond + " bytes a second");
        if (http.connection() instanceof ConnectionBase connection) {
            // Vert.x's close waits for what is queued to be sent, which a client reading nothing never takes;
            // closed past Vert.x's own handler, the connection ends at once.
            connection.channelHandlerContext().close();
        } else {
            http.connection().close();
        }
    }
}
