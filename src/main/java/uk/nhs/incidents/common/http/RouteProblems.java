package uk.nhs.incidents.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import uk.nhs.incidents.common.logging.RequestLogContext;
import uk.nhs.incidents.common.problem.Problem;

/**
 * Answers a problem from a Vert.x route, below JAX-RS, where the exception mapper never runs, and closes the
 * connection: the request it refuses may still be sending a body, which would otherwise be read as the next request,
 * or to its end (a {@code Connection: close} header alone does not stop Vert.x keeping the connection alive). What the
 * body still sends is read and dropped for a moment first, as {@link ConnectionClose} does: closed on bytes unread,
 * the connection is reset, and a reset can reach the client before the answer it has not read yet, which it loses.
 */
final class RouteProblems {

    private RouteProblems() {
    }

    /** The problem with the request's path as its instance, as the API's problems have, where the path is a URI. */
    static void answer(RoutingContext context, ObjectMapper json, Problem problem) {
        answerAsGiven(context, json, at(context, problem));
    }

    /** The problem without the request's path, for a refusal of the URI itself: malformed, or too long to echo. */
    static void answerAsGiven(RoutingContext context, ObjectMapper json, Problem problem) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        answerWithoutClosing(context, json, problem).onComplete(sent -> closeOnceDropped(context));
    }

    /** Closes the connection once the request's body has been read and dropped, or the moment has passed. */
    private static void closeOnceDropped(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long linger = context.vertx().setTimer(ConnectionClose.LINGER_MILLIS, passed -> connection.close());
        request.handler(dropped -> {
        }).endHandler(ended -> {
            context.vertx().cancelTimer(linger);
            connection.close();
        }).resume();
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
