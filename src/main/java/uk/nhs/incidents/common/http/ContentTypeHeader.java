package uk.nhs.incidents.common.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import uk.nhs.incidents.common.problem.InvalidInputException;

/**
 * A Content-Type that is not a media type at all (no subtype, empty, a broken parameter), or one given twice, is the
 * client's error, a 400, on every path. Checked before the request is matched to a method: matching reads the type to
 * choose one, and would answer 415, as if a well-formed type were merely not taken. Given twice, the type one part of
 * the service checks need not be the type another part keeps.
 */
public class ContentTypeHeader {

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        List<String> given = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (given == null || given.isEmpty()) {
            return;
        }
        if (given.size() > 1) {
            throw invalid("is given " + given.size() + " times; give it once");
        }
        try {
            request.getMediaType();
        } catch (IllegalArgumentException e) {
            throw invalid("is not a media type such as application/json or audio/wav");
        }
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(HttpHeaders.CONTENT_TYPE, message);
    }
}
