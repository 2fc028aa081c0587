package uk.nhs.incidents.evidence.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.database.DatabaseOutage;
import uk.nhs.incidents.common.problem.ClientLeft;
import uk.nhs.incidents.common.problem.DomainException;

/**
 * A download's content, sent as it is read. A failure before the answer's head leaves is answered as any other; after
 * it, the connection is closed, which the client sees as a transfer cut short. No problem
 * can follow content already under way: its bytes would reach the client as more of the file (and the answer would
 * not end).
 */
final class DownloadStream implements StreamingOutput {

    private static final Logger LOG = Logger.getLogger(DownloadStream.class);

    /** Writes the content to the client. */
    @FunctionalInterface
    interface Content {

        void writeTo(OutputStream out) throws IOException;
    }

    private final HttpServerRequest http;
    private final Content content;

    DownloadStream(HttpServerRequest http, Content content) {
        this.http = http;
        this.content = content;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        try {
            content.writeTo(out);
        } catch (IOException | RuntimeException e) {
            cutShort(e);
        }
    }

    private void cutShort(Exception failure) throws IOException {
        if (http.response().closed()) {
            throw new ClientLeft(failure);
        }
        if (!http.response().headWritten()) {
            if (failure instanceof IOException unsent) {
                throw unsent;
            }
            throw (RuntimeException) failure;
        }
        // A removal or tampering found on the way was told where it was found; anything else is told here.
        if (DatabaseOutage.isUnreachable(failure)) {
            LOG.warnf("A download was cut short: the database could not be reached (%s)", failure.getMessage());
        } else if (!(failure instanceof DomainException)) {
            LOG.errorf(failure, "A download failed on the way and was cut short");
        }
        // The connection, not the response: a response closed itself counts as never ended, and the server then
        // waits for it at every stop.
        http.connection().close();
    }
}
