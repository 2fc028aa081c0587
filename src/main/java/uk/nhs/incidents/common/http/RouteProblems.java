package uk.nhs.incidents.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import uk.nhs.incidents.common.logging.RequestLogContext;
import uk.nhs.incidents.common.problem.Problem;

/**
 * Answers a problem from a Vert.x route, below JAX-RS, where the exception mapper never runs, and closes the
 * connection once it is sent: the request it refuses may still be sending a body, which would otherwise be read to
 * its end (a {@code Connection: close} header alone does not stop Vert.x keeping the connection alive).
 */
final class RouteProblems {

    private RouteProblems() {
    }

    static void answer(RoutingContext context, ObjectMapper json, Problem problem) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        answerWithoutClosing(context, json, problem).onComplete(sent -> context.request().connection().close());
    }

    /**
     * The problem, marked as every answer of the API is ({@link NotKept}, {@link RequestLogContext}), though none of
     * the API's filters runs for it.
     */
    private static Future<Void> answerWithoutClosing(RoutingContext context, ObjectMapper json, Problem problem) {
        try {
            return context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader(RequestLogContext.REQUEST_ID, RequestLogContext.requestId(
                            context.request().getHeader(RequestLogContext.REQUEST_ID)))
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
