package uk.nhs.incidents.common.http;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import uk.nhs.incidents.common.problem.InvalidInputException;

/**
 * The {@code Accept} header read as a list (RFC 9110 5.6.1): its empty elements ignored, and one with none states no
 * preference, as no header does (12.5.1); one whose elements are not media ranges ({@code ;}, {@code /}) is a 400
 * naming it. Before, the framework's parser threw on an empty one wherever a resource read the client's preference
 * (the report's choice of CSV: a 500, after the whole report had run), matching answered {@code , text/csv} 406,
 * and a malformed one 406 too, as if a well-formed type were merely not offered.
 */
public class AcceptHeader {

    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 1)
    public void check(ContainerRequestContext request) {
        List<String> given = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (given == null) {
            return;
        }
        // Split at every comma, as the framework's own parser splits: a comma inside a quoted parameter (which no
        // media type the service offers takes) is no more readable to it either.
        List<String> split = given.stream().flatMap(value -> Arrays.stream(value.split(",", -1))).toList();
        List<String> elements = split.stream().map(String::strip).filter(element -> !element.isEmpty()).toList();
        if (elements.isEmpty()) {
            request.getHeaders().remove(HttpHeaders.ACCEPT);
            return;
        }
        if (elements.size() < split.size()) {
            // Rewritten only where it had empty elements: every request with an Accept passes here.
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, String.join(", ", elements));
        }
        try {
            request.getAcceptableMediaTypes();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(HttpHeaders.ACCEPT,
                    "is not a list of media types such as application/json or text/csv");
        }
    }
}
