package uk.nhs.incidents.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import uk.nhs.incidents.common.problem.Problem;

/** Answers a problem from a Vert.x route, below JAX-RS, where the exception mapper never runs. */
final class RouteProblems {

    private RouteProblems() {
    }

    static void answer(RoutingContext context, ObjectMapper json, Problem problem) {
        try {
            context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close").end(json.writeValueAsString(problem));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
