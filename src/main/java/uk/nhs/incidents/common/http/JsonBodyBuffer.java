package uk.nhs.incidents.common.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Takes in a JSON body whole on the event loop, as it arrives, before the request goes to its resource method on a
 * worker thread. The framework reads a blocking method's body on that worker, blocking: a client that stopped sending
 * half-way held the thread until {@link JsonBodyDeadline} cut the request, and a couple of hundred such clients at once
 * held every worker, so that the API stopped answering. Taken in here, a body still arriving holds no thread, only the
 * bytes it has sent (at most {@code incidents.http.max-json-size}) until the deadline, and the framework reads it from
 * memory. Runs after authentication and the paths' permission checks, so that a refused caller's body is never kept.
 * Bodies of unannounced length (refused over HTTP/1 by {@link JsonSizeLimit}, possible over HTTP/2), bodies over the
 * limit (refused unread) and evidence uploads (streamed to the spool) pass as they are.
 */
@ApplicationScoped
public class JsonBodyBuffer {

    /** After Quarkus's authentication (order -200) and path permission (-100) routes, before the API's. */
    static final int ORDER = -50;

    private final HttpConfig config;

    JsonBodyBuffer(HttpConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        long limit = config.maxJsonSize().asLongValue();
        BodyHandler takeIn = BodyHandler.create(false).setBodyLimit(limit).setMergeFormAttributes(false);
        router.route().order(ORDER).handler(context -> {
            if (isJsonBody(context, limit)) {
                takeIn.handle(context);
            } else {
                context.next();
            }
        });
    }

    private static boolean isJsonBody(RoutingContext context, long limit) {
        long length = AnnouncedLength.of(context.request()).orElse(0);
        return length > 0 && length <= limit && !JsonSizeLimit.isEvidenceUpload(context.normalizedPath());
    }
}
