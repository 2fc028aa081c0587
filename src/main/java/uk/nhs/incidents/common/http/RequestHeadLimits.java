package uk.nhs.incidents.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import uk.nhs.incidents.common.problem.ProblemMapper;

/**
 * Refuses a request whose URI or headers are too long with a 414 or 431 problem. The HTTP layer's own limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code .max-header-size}) answer with a bare status and no
 * body; they are set well above {@code incidents.http.max-uri-length} and {@code .max-header-size}, so that a
 * request over these is read and answered here, first of all routes, in the service's problem form. So is one that
 * does not name the service in exactly one valid Host header (400): without one, an HTTP/1.0 request's every problem
 * failed (500) and its 201 carried a Location no client can follow, an HTTP/1.1 request was answered bare and logged
 * as an error, and with two, each reader may take another (RFC 9112 3.2 asks for a 400). A transfer coding other than
 * chunked alone is refused too (400).
 */
@ApplicationScoped
public class RequestHeadLimits {

    static final int ORDER = Integer.MIN_VALUE;

    private final ObjectMapper json;
    private final HttpConfig config;

    RequestHeadLimits(ObjectMapper json, HttpConfig config) {
        this.json = json;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check).failureHandler(this::refuseHostless);
    }

    private void check(RoutingContext context) {
        String uri = context.request().uri();
        if (uri != null && uri.length() > config.maxUriLength()) {
            RouteProblems.answerAsGiven(context, json, ProblemMapper.problem(414, "uri-too-long", "URI too long",
                    "The request's URI has " + uri.length() + " characters; at most " + config.maxUriLength()
                            + " are accepted. Send long values in a request body."));
        } else if (size(context.request().headers()) > config.maxHeaderSize().asLongValue()) {
            RouteProblems.answer(context, json, ProblemMapper.problem(431, "headers-too-large",
                    "Request headers too large", "The request's headers exceed " + config.maxHeaderSize()
                            .asLongValue() + " bytes."));
        } else if (!namesTheService(context.request())) {
            refuseHost(context);
        } else if (!framedAsUnderstood(context.request())) {
            RouteProblems.answer(context, json, ProblemMapper.problem(400, "transfer-coding", "Bad request",
                    "Send a body with a Content-Length, or chunked with no other transfer coding."));
        } else {
            context.next();
        }
    }

    /** The router fails an HTTP/1.1 request without a valid Host itself, before any route runs. */
    private void refuseHostless(RoutingContext context) {
        if (context.statusCode() == 400 && !context.response().headWritten()
                && !namesTheService(context.request())) {
            refuseHost(context);
        } else {
            context.next();
        }
    }

    /**
     * A Transfer-Encoding other than chunked alone: the HTTP layer framed {@code identity} with a Content-Length by the
     * length, which a proxy in front may read otherwise (a request smuggled past it), and took a coding such as gzip
     * before chunked as no coding at all. RFC 9112 6.3 asks for a 400 where chunked is not the final coding.
     */
    private static boolean framedAsUnderstood(HttpServerRequest request) {
        List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        return codings.isEmpty() || codings.size() == 1 && codings.get(0).strip().equalsIgnoreCase("chunked");
    }

    private static boolean namesTheService(HttpServerRequest request) {
        return request.headers().getAll(HttpHeaders.HOST).size() == 1 && request.authority() != null;
    }

    private void refuseHost(RoutingContext context) {
        RouteProblems.answer(context, json, ProblemMapper.problem(400, "invalid-host", "Bad request",
                "Name the service in one Host header, as host or host:port."));
    }

    /** The headers' size as sent: each name, value, ": " and line end. */
    private static long size(MultiMap headers) {
        long size = 0;
        for (Map.Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }
}
