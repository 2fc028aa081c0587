package uk.nhs.incidents.common.problem;

import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;

/**
 * A streamed answer that ended after its head left, where no problem can follow: its bytes would reach the client as
 * more content (a problem's JSON inside a downloaded recording), or reach nobody, the client having hung up. Thrown
 * in place of the failure, to be passed over quietly: a failure of the service's own was told where it arose.
 */
public final class CutShort extends RuntimeException {

    private CutShort(String message, Exception failure) {
        super(message, failure);
    }

    /**
     * What to throw for {@code failure}: itself, answered as any other, while the head is not yet sent; once it is,
     * this, the stream reset (an HTTP/1.1 connection closed) so that the client sees a transfer cut short and the
     * answer does not hang open.
     */
    public static RuntimeException of(HttpServerResponse response, RuntimeException failure) {
        if (!response.headWritten()) {
            return failure;
        }
        response.reset();
        return new CutShort("The answer was cut short after its head was sent", failure);
    }

    /** The client closed the connection while the answer was being written to it. */
    public static CutShort clientLeft(IOException failure) {
        return new CutShort("The client closed the connection during the answer", failure);
    }
}
