package uk.nhs.incidents.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import uk.nhs.incidents.common.problem.ProblemMapper;

/**
 * Refuses a request whose URI or headers are too long with a 414 or 431 problem. The HTTP layer's own limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code .max-header-size}) answer with a bare status and no
 * body; they are set well above {@code incidents.http.max-uri-length} and {@code .max-header-size}, so that a
 * request over these is read and answered here, first of all routes, in the service's problem form.
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
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String uri = context.request().uri();
        if (uri != null && uri.length() > config.maxUriLength()) {
            RouteProblems.answer(context, json, ProblemMapper.problem(414, "uri-too-long", "URI too long",
                    "The request's URI has " + uri.length() + " characters; at most " + config.maxUriLength()
                            + " are accepted. Send long values in a request body."));
        } else if (size(context.request().headers()) > config.maxHeaderSize().asLongValue()) {
            RouteProblems.answer(context, json, ProblemMapper.problem(431, "headers-too-large",
                    "Request headers too large", "The request's headers exceed " + config.maxHeaderSize()
                            .asLongValue() + " bytes."));
        } else {
            context.next();
        }
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
