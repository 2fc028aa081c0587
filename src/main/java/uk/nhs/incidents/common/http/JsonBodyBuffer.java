package uk.nhs.incidents.common.http;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Takes in a JSON body whole on the event loop, as it arrives, before the request goes to its resource method on a
 * worker thread. The framework reads a blocking method's body on that worker, blocking: a client that stopped sending
 * half-way held the thread until {@link JsonBodyDeadline} cut the request, and a couple of hundred such clients at once
 * held every worker, so that the API stopped answering. Taken in here, a body still arriving holds no thread, only the
 * bytes it has sent until the deadline, and the framework reads it from memory.
 * <p>
 * Only an authenticated caller's body is taken in (the token is verified here, once for the request): an anonymous
 * one or one with a bad token is refused by the API unread, as before. Bodies taken in at once are held to
 * {@code incidents.http.json-body-memory} by their announced lengths; beyond it, and for bodies of unannounced length
 * (refused over HTTP/1 by {@link JsonSizeLimit}, possible over HTTP/2), bodies over the limit (refused unread) and
 * evidence uploads (streamed to the spool), the request passes as it is.
 */
@ApplicationScoped
public class JsonBodyBuffer {

    /**
     * After Quarkus's security routes (order -200, which puts the request's deferred identity in its context, and
     * -100, the path permissions), before the API's.
     */
    static final int ORDER = -50;

    /** Answers nothing: a refused token is answered by the API, whose mapper writes the problem. */
    private static final BiConsumer<RoutingContext, Throwable> LEAVE_TO_THE_API = (context, failure) -> {
    };

    private final HttpConfig config;

    JsonBodyBuffer(HttpConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        long limit = config.maxJsonSize().asLongValue();
        BodyHandler takeIn = BodyHandler.create(false).setBodyLimit(limit).setMergeFormAttributes(false);
        ByteBudget memory = new ByteBudget(config.jsonBodyMemory().asLongValue());
        router.route().order(ORDER).handler(context -> {
            long length = AnnouncedLength.of(context.request()).orElse(0);
            Uni<SecurityIdentity> caller = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
            if (length <= 0 || length > limit || caller == null
                    || JsonSizeLimit.isEvidenceUpload(context.normalizedPath())) {
                context.next();
                return;
            }
            // Verifying the token here would have the HTTP layer's failure handler answer a bad one, bare.
            Object answerFailure = context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
            context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, LEAVE_TO_THE_API);
            AtomicLong held = new AtomicLong();
            context.addEndHandler(ended -> memory.release(held.getAndSet(0)));
            // The token may be verified on a worker thread (a key fetched from a URL): back to the request's loop.
            Context loop = Vertx.currentContext();
            caller.subscribe().with(identity -> loop.runOnContext(ignored -> {
                context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, answerFailure);
                boolean open = !context.response().closed() && !context.response().ended();
                if (open && identity != null && !identity.isAnonymous() && memory.reserve(length)) {
                    held.set(length);
                    takeIn.handle(context);
                } else if (open) {
                    context.next();
                }
            }), refused -> loop.runOnContext(ignored -> {
                context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, answerFailure);
                context.next();
            }));
        });
    }
}
