package uk.nhs.incidents.common.http;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Headers that hold a list ({@code If-Match}, {@code If-None-Match}) are one list however many lines they are given on
 * (RFC 9110 5.3), so they are joined into one line before any method reads them: a method reads a header's first line
 * alone, and a change whose If-Match named a stale tag on one line and the current one on the next was refused 412.
 */
public class ListedHeaders {

    private static final List<String> LISTS = List.of(HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH);

    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 1)
    public void join(ContainerRequestContext request) {
        for (String header : LISTS) {
            List<String> given = request.getHeaders().get(header);
            if (given != null && given.size() > 1) {
                request.getHeaders().putSingle(header, String.join(", ", given));
            }
        }
    }
}
