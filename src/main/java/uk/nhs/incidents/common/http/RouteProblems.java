package uk.nhs.incidents.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import uk.nhs.incidents.common.logging.RequestLogContext;
import uk.nhs.incidents.common.problem.DomainException;
import uk.nhs.incidents.common.problem.Problem;
import uk.nhs.incidents.common.problem.ProblemMapper;

/**
 * Answers a problem from a Vert.x route, below JAX-RS, where the exception mapper never runs, and closes the
 * connection: the request it refuses may still be sending a body, which would otherwise be read as the next request,
 * or to its end (a {@code Connection: close} header alone does not stop Vert.x keeping the connection alive). What the
 * body still sends is read and dropped for a moment first ({@link ConnectionClose#closeOnceDropped}).
 */
final class RouteProblems {

    private RouteProblems() {
    }

    /** The problem with the request's path as its instance, as the API's problems have, where the path is a URI. */
    static void answer(RoutingContext context, ObjectMapper json, Problem problem) {
        answerAsGiven(context, json, at(context, problem));
    }

    /** A refusal the service raises on purpose, with the headers it carries (Retry-After, say). */
    static void answer(RoutingContext context, ObjectMapper json, DomainException refused) {
        refused.headers().forEach(context.response()::putHeader);
        answer(context, json, ProblemMapper.problem(refused.status(), refused.type(), refused.title(),
                refused.getMessage()));
    }

    /** The problem without the request's path, for a refusal of the URI itself: malformed, or too long to echo. */
    static void answerAsGiven(RoutingContext context, ObjectMapper json, Problem problem) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        answerWithoutClosing(context, json, problem).onComplete(sent -> ConnectionClose.closeOnceDropped(context));
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

    private static Problem at(RoutingContext context, Problem problem) {
        String path = context.request().path();
        try {
            return path == null ? problem : new Problem(problem.type(), problem.title(), problem.status(),
                    problem.detail(), URI.create(path), problem.violations());
        } catch (IllegalArgumentException notAUri) {
            return problem; // a path that is no URI is not echoed
        }
    }
}
