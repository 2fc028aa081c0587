package uk.nhs.incidents.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.incidents.common.config.SettingsBound;
import uk.nhs.incidents.common.problem.ProblemMapper;

/**
 * Gives a request's body {@code incidents.http.json-body-timeout} from the request's start to arrive whole; one still
 * arriving then is answered 408 and its connection closed. The framework reads a body larger than its input buffer
 * (10 KB) on a worker thread, blocking: a client that stopped sending half-way held that thread until the HTTP layer's
 * read timeout (minutes, for uploads) closed the connection unanswered, and a couple of hundred such clients held
 * every worker, so that the API stopped answering. A smaller body held no thread, but its connection and what had
 * arrived as long. Evidence uploads are streamed, and watched on their own.
 */
@ApplicationScoped
public class JsonBodyDeadline {

    private final ObjectMapper json;
    private final HttpConfig config;

    JsonBodyDeadline(ObjectMapper json, HttpConfig config) {
        this.json = json;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(RequestHeadLimits.ORDER + 2).handler(this::watch);
    }

    void check(@Observes StartupEvent event,
            @ConfigProperty(name = "quarkus.http.read-timeout", defaultValue = "60s") Duration readTimeout) {
        SettingsBound.hold(refusal(config.jsonBodyTimeout(), readTimeout));
    }

    /** Why a JSON body timeout cannot work with the HTTP layer's read timeout; empty when it can. */
    static Optional<String> refusal(Duration bodyTimeout, Duration readTimeout) {
        return bodyTimeout.compareTo(readTimeout) < 0 ? Optional.empty()
                : Optional.of("incidents.http.json-body-timeout=" + bodyTimeout + " is not below quarkus.http"
                        + ".read-timeout=" + readTimeout + ", which closes a stalled body's connection unanswered");
    }

    private void watch(RoutingContext context) {
        if (!context.request().isEnded() && !JsonSizeLimit.isEvidenceUpload(context.normalizedPath())) {
            long timer = context.vertx().setTimer(config.jsonBodyTimeout().toMillis(), fired -> cut(context));
            context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
        }
        context.next();
    }

    /** Runs on the request's event loop, as the timer was set there: nothing else answers it meanwhile. */
    private void cut(RoutingContext context) {
        if (context.request().isEnded() || context.response().ended()) {
            return;
        }
        if (context.response().headWritten()) { // refused already, while its body was still coming
            context.request().connection().close();
            return;
        }
        RouteProblems.answer(context, json, ProblemMapper.problem(408, "request-timeout", "Request timeout",
                "The request's body did not arrive whole within " + config.jsonBodyTimeout().toSeconds()
                        + " s of its start; send it again."));
    }
}
