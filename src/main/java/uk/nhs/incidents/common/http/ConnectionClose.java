package uk.nhs.incidents.common.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * An answer that says {@code Connection: close} (a request cut off half-way through its body) closes the connection
 * once it is sent. Vert.x would otherwise keep the connection and go on reading the abandoned body.
 */
public class ConnectionClose {

    @ServerResponseFilter
    public void closeAfterAnswer(ContainerResponseContext response, RoutingContext routing) {
        if ("close".equalsIgnoreCase(response.getHeaderString("Connection"))) {
            routing.addEndHandler(sent -> routing.request().connection().close());
        }
    }
}
