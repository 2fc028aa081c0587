package uk.nhs.incidents.common.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * An answer that says {@code Connection: close} (a request cut off half-way through its body) closes the connection
 * once it is sent. Vert.x would otherwise keep the connection and go on reading the abandoned body. So does a refusal
 * answered while a large body is still arriving (an upload refused from its declared type, its first bytes or its
 * incident), a moment after it is sent: reading on would only take in, up to the size uploads are allowed, what is
 * refused already. The moment gives a client that reads as it sends time to read the answer before the connection
 * goes; a small body is read to its end as before, as closing on unread bytes may lose the answer on the way.
 */
public class ConnectionClose {

    /** How long a refused body is still read and dropped before its connection is closed. */
    static final long LINGER_MILLIS = 1000;

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
            routing.addEndHandler(sent -> routing.vertx().setTimer(LINGER_MILLIS,
                    timer -> routing.request().connection().close()));
        }
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
