package uk.nhs.incidents.common.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * An answer that says {@code Connection: close} (a request cut off half-way through its body) closes the connection
 * once it is sent. Vert.x would otherwise keep the connection and go on reading the abandoned body. So does a refusal
 * answered while a large body is still arriving (an upload refused from its declared type, its first bytes or its
 * incident), once the rest of the body has been read and dropped, or a moment after the answer (whichever is first):
 * reading on would only take in, up to the size uploads are allowed, what is refused already, while closing on bytes
 * unread has the kernel reset the connection, and a reset can reach the client before the answer it has not read
 * yet, which it loses. A small body is read to its end as before.
 */
public class ConnectionClose {

    /** How long a refused body is still read and dropped before its connection is closed. */
    private static final long LINGER_MILLIS = 1000;

    private final HttpConfig config;

    ConnectionClose(HttpConfig config) {
        this.config = config;
    }

    @ServerResponseFilter
    public void closeAfterAnswer(ContainerResponseContext response, RoutingContext routing) {
        if ("close".equalsIgnoreCase(response.getHeaderString("Connection"))) {
            routing.addEndHandler(sent -> routing.request().connection().close());
        } else if (response.getStatus() >= 400 && largeBodyStillComing(routing.request())) {
            response.getHeaders().putSingle("Connection", "close");
            routing.addEndHandler(sent -> closeOnceDropped(routing));
        }
    }

    /**
     * Closes the connection of a refused request once the rest of its body has been read and dropped, or {@link
     * #LINGER_MILLIS} after the answer. Whoever read the body before has stopped: it has been answered.
     */
    static void closeOnceDropped(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long linger = context.vertx().setTimer(LINGER_MILLIS, passed -> connection.close());
        request.handler(dropped -> {
        }).endHandler(ended -> {
            context.vertx().cancelTimer(linger);
            connection.close();
        }).resume();
    }

    /** A body larger than the largest the API reads whole ({@link HttpConfig#maxJsonSize}) is an upload's. */
    private boolean largeBodyStillComing(HttpServerRequest request) {
        if (request.isEnded()) {
            return false;
        }
        OptionalLong length = AnnouncedLength.of(request);
        return length.isPresent() ? length.getAsLong() > config.maxJsonSize().asLongValue()
                : "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
    }
}
