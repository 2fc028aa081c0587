package uk.nhs.incidents.evidence.service;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.jobs.DaemonThreads;

/**
 * Cuts a download whose client reads nothing for {@code incidents.evidence.download.idle-timeout}, or, that long
 * after its start, reads slower on average than {@code .min-bytes-per-second}, as an upload is cut ({@link IdleCut}).
 * A download's bytes are written by a worker thread that waits while the client's link is full; without a cut, a
 * client that stopped reading held that thread, and the download's place ({@link TransferLimits}), until the
 * connection's idle timeout (30 minutes), and one reading a byte now and then held them for ever. The cut closes the
 * connection (over HTTP/2, resets the stream), which ends the worker's wait.
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
        Watch watch = new Watch(http);
        long period = IdleCut.checkPeriod(timeout).toMillis();
        watch.check = watchdog.scheduleWithFixedDelay(watch::check, period, period, TimeUnit.MILLISECONDS);
        return watch;
    }

    private final class Watch implements TransferLimits.Slot {

        private final HttpServerRequest http;
        private final long started = System.nanoTime();
        private long lastActivity = started;
        private long written;
        private volatile ScheduledFuture<?> check;

        Watch(HttpServerRequest http) {
            this.http = http;
        }

        /** Runs on the watchdog's one thread only. */
        private void check() {
            long now = System.nanoTime();
            long sent = http.response().bytesWritten();
            if (sent > written) {
                written = sent;
                lastActivity = now;
            }
            IdleCut.Reason cut = IdleCut.verdict(now - started, now - lastActivity, written,
                    timeout.toNanos(), minBytesPerSecond);
            if (cut != null) {
                close();
                LOG.infof("A download was cut after %d bytes: its client %s", written, cut == IdleCut.Reason.IDLE
                        ? "read nothing for " + timeout : "read slower than " + minBytesPerSecond + " bytes a second");
                if (http.version() == HttpVersion.HTTP_2) {
                    http.response().reset();
                } else if (http.connection() instanceof ConnectionBase connection) {
                    // Vert.x's close waits for what is queued to be sent, which a client reading nothing never takes;
                    // closed past Vert.x's own handler, the connection ends at once.
                    connection.channelHandlerContext().close();
                } else {
                    http.connection().close();
                }
            }
        }

        @Override
        public void close() {
            ScheduledFuture<?> running = check;
            if (running != null) {
                running.cancel(false);
            }
        }
    }
}
