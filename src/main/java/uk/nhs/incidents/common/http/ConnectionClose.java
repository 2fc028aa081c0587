package uk.nhs.incidents.common.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * An answer that says {@code Connection: close} (a request cut off half-way through its body) closes the connection
 * once it is sent. Vert.x would otherwise keep the connection and go on reading the abandoned body. So does a refusal
 * answered while the body is still arriving (an upload refused from its declared type, its first bytes or its
 * incident): reading on would only take in, up to the size uploads are allowed, what is refused already.
 */
public class ConnectionClose {

    @ServerResponseFilter
    public void closeAfterAnswer(ContainerResponseContext response, RoutingContext routing) {
        if (response.getStatus() >= 400 && !routing.request().isEnded()) {
            response.getHeaders().putSingle("Connection", "close");
        }
        if ("close".equalsIgnoreCase(response.getHeaderString("Connection"))) {
            routing.addEndHandler(sent -> routing.request().connection().close());
        }
    }
}
