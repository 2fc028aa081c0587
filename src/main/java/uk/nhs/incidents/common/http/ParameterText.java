package uk.nhs.incidents.common.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.Problem;
import uk.nhs.incidents.common.text.TextRules;

/**
 * Holds every decoded path and query value to {@link TextRules} as single-line text, before any endpoint reads
 * it: a NUL in {@code ?externalReference=} would otherwise reach PostgreSQL, which refuses it.
 */
public class ParameterText {

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        List<Problem.Violation> violations = new ArrayList<>();
        collect(uri.getPathParameters(), violations);
        MultivaluedMap<String, String> query;
        try {
            query = uri.getQueryParameters();
        } catch (IllegalArgumentException undecodable) {
            return; // a malformed query string is answered where it is decoded for the endpoint
        }
        collect(query, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static void collect(MultivaluedMap<String, String> parameters, List<Problem.Violation> violations) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = TextRules.singleLine(parameter.getKey(), 100);
            parameter.getValue().stream().flatMap(value -> TextRules.problem(value, false).stream()).findFirst()
                    .ifPresent(problem -> violations.add(new Problem.Violation(name, problem)));
        }
    }
}
