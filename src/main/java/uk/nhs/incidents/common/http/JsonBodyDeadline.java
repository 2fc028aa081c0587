package uk.nhs.incidents.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.incidents.common.config.SettingsBound;
import uk.nhs.incidents.common.problem.RequestTimeoutException;

/**
 * Gives a request's body {@code incidents.http.json-body-timeout} from the request's start to arrive whole; one still
 * arriving then is answered 408 and its connection closed. Without it a client that stopped sending half-way kept its
 * connection, and the bytes it had sent ({@link JsonBodyBuffer}), until the HTTP layer's read timeout (minutes, for
 * uploads) closed the connection unanswered. Evidence uploads are streamed, and watched on their own.
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

    /**
     * Watches a request that announces a body. (Whether the request has ended says nothing here: the framework pauses
     * every request, and one paused counts as not ended however much of it has arrived.) A body of unannounced length
     * (chunked) is refused before it is read ({@link JsonSizeLimit}).
     */
    private void watch(RoutingContext context) {
        long length = AnnouncedLength.of(context.request()).orElse(0);
        if (length > 0 && !JsonSizeLimit.isEvidenceUpload(context.normalizedPath())) {
            long timer = context.vertx().setTimer(config.jsonBodyTimeout().toMillis(), fired -> cut(context, length));
            context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
        }
        context.next();
    }

    /**
     * Runs on the request's event loop. A worker may be answering the request meanwhile (a refusal before its body
     * was read): once it has, or if it does first, the connection is only closed.
     */
    private void cut(RoutingContext context, long length) {
        HttpServerRequest request = context.request();
        if (request.bytesRead() >= length || context.response().ended()) {
            return;
        }
        try {
            if (!context.response().headWritten()) {
                RouteProblems.answer(context, json, new RequestTimeoutException("The request's body did not arrive"
                        + " whole within " + config.jsonBodyTimeout().toSeconds() + " s of its start; send it again."));
                return;
            }
        } catch (IllegalStateException answeredMeanwhile) {
            // the worker's answer went first
        }
        request.connection().close();
    }
}
