package uk.nhs.incidents.common.http;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import uk.nhs.incidents.common.problem.InvalidInputException;

/**
 * Headers that hold one value, given twice, are the client's error, a 400 naming the header, on every path: the value
 * one part of the service (or a proxy in front of it) reads need not be the one another part uses, as when an upload's
 * type was checked by its first Content-Type, or a raise deduplicated by its first Idempotency-Key. A Content-Type
 * that is not a media type at all (no subtype, empty) is a 400 too. Both are checked before the
 * request is matched to a method: matching reads the type to choose one, and would answer 415, as if a well-formed
 * type were merely not taken.
 */
public class SingleValuedHeaders {

    private static final List<String> ONCE = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION,
            "Idempotency-Key", "Range", "If-Range");

    /** After {@code RequestLogContext}, so that the refusal carries the request's id and its log lines do too. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 1)
    public void check(ContainerRequestContext request) {
        for (String header : ONCE) {
            List<String> given = request.getHeaders().get(header);
            if (given != null && given.size() > 1) {
                throw new InvalidInputException(header, "is given " + given.size() + " times; give it once");
            }
        }
        try {
            request.getMediaType();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(HttpHeaders.CONTENT_TYPE,
                    "is not a media type such as application/json or audio/wav");
        }
    }
}
