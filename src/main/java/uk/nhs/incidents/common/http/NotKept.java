package uk.nhs.incidents.common.http;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every answer of the API is for its caller alone and may name a patient (an incident's description, a comment), so no
 * cache on the way or in a browser keeps it ({@code Cache-Control: no-store}, unless the answer says otherwise), and
 * none is read as another type than it declares ({@code X-Content-Type-Options: nosniff}). A client keeping an
 * incident and its ETag to ask again with {@code If-None-Match} does so as its own store, which the header does not
 * govern.
 */
public class NotKept {

    @ServerResponseFilter
    public void mark(ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    }
}
